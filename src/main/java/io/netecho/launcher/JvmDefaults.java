package io.netecho.launcher;

/**
 * System properties both launchers set before Vert.x or Netty read them, each unless the user set it
 * ({@code -Dname=value} wins).
 */
final class JvmDefaults {

  /**
   * Netty announces its buffer allocations as JFR events. Registering those event types costs the
   * first connection of a process about 40 ms (JFR's metadata is built then), paid by every start
   * whether or not anything records; {@code -Dio.netty.jfr.enabled=true} brings them back.
   */
  static final String NETTY_JFR = "io.netty.jfr.enabled";

  private JvmDefaults() {
  }

  static void apply() {
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
  }
}
