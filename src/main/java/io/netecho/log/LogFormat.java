package io.netecho.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/**
 * The console's line format, config {@code log.format}: {@code text} (the default, the pattern in
 * {@link ConsoleLogging}) or {@code json}, one JSON object per line written by logback's own
 * {@link JsonEncoder}: {@code timestamp} (epoch milliseconds), {@code level}, {@code threadName},
 * {@code loggerName}, {@code kvpList} (for a connection's lines, {@code [{"peer":"ip:port"}]}),
 * {@code formattedMessage} and {@code throwable}.
 *
 * <p>The configuration is read after logging has started, so the switch is made at run time on
 * every {@link NonBlockingConsoleAppender} of the logging context, once the configuration is known.
 */
public enum LogFormat {
  TEXT,
  JSON;

  private static volatile LogFormat current = TEXT;

  /** The format the console writes now. */
  public static LogFormat current() {
    return current;
  }

  /** Makes the console write this format from the next line on. */
  public void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof NonBlockingConsoleAppender console) {
          console.useEncoder(this == JSON ? jsonEncoder(context) : null);
        }
      }
    }
    current = this;
  }

  /** The JSON line: what a log shipper wants, without logback's sequence numbers, context or raw pattern. */
  static JsonEncoder jsonEncoder(LoggerContext context) {
    JsonEncoder json = new JsonEncoder();
    json.setContext(context);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithMDC(false);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    json.start();
    return json;
  }
}
