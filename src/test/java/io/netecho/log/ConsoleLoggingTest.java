package io.netecho.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The logging net-echo sets up in code: its appenders, its lines and its levels. */
class ConsoleLoggingTest {

  private static final String TIME = "\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d";

  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ByteArrayOutputStream nettyConsole = new ByteArrayOutputStream();

  @BeforeEach
  void configure() {
    // what logback's own initialisation gives a context; a bare one has none
    context.setMDCAdapter(new LogbackMDCAdapter());
    ConsoleLogging.apply(context);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    ((NonBlockingConsoleAppender) root.getAppender("CONSOLE")).setTarget(() -> console);
    ((NonBlockingConsoleAppender) context.getLogger(ConsoleLogging.NETTY_PIPELINE).getAppender("NETTY_ONE_LINE"))
      .setTarget(() -> nettyConsole);
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void aLineIsTheTextPatternsLine() {
    context.getLogger("io.netecho.EchoConnection").info("{} from {}", "hello", "127.0.0.1:40000");
    context.stop();
    String line = console.toString(StandardCharsets.UTF_8);
    assertTrue(line.matches(TIME + " INFO  \\[" + Thread.currentThread().getName()
      + "] EchoConnection - hello from 127\\.0\\.0\\.1:40000" + System.lineSeparator()), line);
  }

  @Test
  void nettysUnhandledFailureIsOneLineWithoutFrames() {
    context.getLogger(ConsoleLogging.NETTY_PIPELINE)
      .warn("An exceptionCaught() event was fired", new IOException("Too many\n open   files"));
    context.stop();
    String line = nettyConsole.toString(StandardCharsets.UTF_8);
    assertTrue(line.matches(TIME + " WARN  \\[" + Thread.currentThread().getName()
      + "] DefaultChannelPipeline - unhandled: java\\.io\\.IOException: Too many open files ?"
      + System.lineSeparator()), line);
    assertEquals("", console.toString(StandardCharsets.UTF_8), "the pipeline's line is not also on the main console");
  }

  @Test
  void librariesSpeakOnlyOnTrouble() {
    assertEquals(Level.INFO, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    assertFalse(context.getLogger("com.hazelcast.internal.cluster").isInfoEnabled());
    assertTrue(context.getLogger("com.hazelcast.internal.cluster").isWarnEnabled());
    assertFalse(context.getLogger("io.netty.handler.ssl").isInfoEnabled());
    assertFalse(context.getLogger("io.micrometer.core.instrument.MeterRegistry").isWarnEnabled());
    assertFalse(context.getLogger("io.vertx.core.impl.launcher.commands.VertxIsolatedDeployer").isErrorEnabled());
    assertTrue(context.getLogger("io.vertx.core.impl.VertxImpl").isInfoEnabled());
  }
}
