package io.netecho.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JvmDefaultsTest {

  private final String before = System.getProperty(JvmDefaults.NETTY_JFR);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(JvmDefaults.NETTY_JFR);
    } else {
      System.setProperty(JvmDefaults.NETTY_JFR, before);
    }
  }

  @Test
  void nettysJfrEventsAreOffUnlessAsked() {
    System.clearProperty(JvmDefaults.NETTY_JFR);
    JvmDefaults.apply();
    assertEquals("false", System.getProperty(JvmDefaults.NETTY_JFR));
  }

  @Test
  void aPropertyTheUserSetWins() {
    System.setProperty(JvmDefaults.NETTY_JFR, "true");
    JvmDefaults.apply();
    assertEquals("true", System.getProperty(JvmDefaults.NETTY_JFR));
  }
}
