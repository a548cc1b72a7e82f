package io.netecho.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * net-echo's logging, set up in code through logback's own {@link Configurator} service: the same
 * appenders and levels an XML file would give, without logback's XML machinery (its parser, model
 * and interpreter), which was the largest single cost of the start before {@code listening}.
 *
 * <ul>
 *   <li>Console output never makes an event loop wait: {@link NonBlockingConsoleAppender} queues the
 *       line and one writer thread writes the queue out in batches. A full queue drops and counts the
 *       line ({@code netecho_log_lines_dropped_total}); once the writer catches up, one line says how
 *       many were lost. The text line is {@link TextLineEncoder#PATTERN}; {@code log.format=json}
 *       switches to JSON at start ({@link LogFormat}).</li>
 *   <li>No shutdown hook: it would stop logging while connections still drain; the launchers stop the
 *       logging context once Vert.x has closed, which writes out what is queued.</li>
 *   <li>Netty reports a failed accept (out of file descriptors, say) from the listening socket's
 *       pipeline with a stack trace; one line says it instead: the exception, no frames.</li>
 *   <li>Hazelcast and Netty speak at WARN; Micrometer's warning that Vert.x's event-bus gauges share
 *       one meter (net-echo keeps labels few) is off; so is the CLI launcher's deployer's stack trace
 *       of a failed start, which net-echo's launcher hook prints as one line.</li>
 * </ul>
 *
 * <p>A {@code logback.configurationFile} system property, or a {@code logback-test.xml} on the class
 * path, still wins: this configurator then steps aside for logback's own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

  /** Netty's pipeline logs what no handler caught there. */
  static final String NETTY_PIPELINE = "io.netty.channel.DefaultChannelPipeline";
  static final String UNHANDLED_PATTERN =
    "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - unhandled: %replace(%ex{0}){'\\s+', ' '}%nopex%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
        || getClass().getClassLoader().getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Adds net-echo's appenders and levels to {@code context}. */
  static void apply(LoggerContext context) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console(context, "CONSOLE", 8192, new TextLineEncoder()));

    Logger pipeline = context.getLogger(NETTY_PIPELINE);
    pipeline.setLevel(Level.WARN);
    pipeline.setAdditive(false);
    pipeline.addAppender(console(context, "NETTY_ONE_LINE", 256, new LazyPatternEncoder(UNHANDLED_PATTERN)));

    context.getLogger("com.hazelcast").setLevel(Level.WARN);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
    context.getLogger("io.vertx.core.impl.launcher.commands.VertxIsolatedDeployer").setLevel(Level.OFF);
  }

  private static NonBlockingConsoleAppender console(LoggerContext context, String name, int queueSize,
                                                    Encoder<ILoggingEvent> encoder) {
    encoder.setContext(context);
    encoder.start();
    NonBlockingConsoleAppender appender = new NonBlockingConsoleAppender();
    appender.setContext(context);
    appender.setName(name);
    appender.setQueueSize(queueSize);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
