package io.netecho.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** The log lines of net-echo's own loggers during a test, in order. */
final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("io.netecho");
  private final List<ILoggingEvent> lines = new CopyOnWriteArrayList<>();

  LogLines() {
    setContext(logger.getLoggerContext());
    start();
    logger.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    lines.add(event);
    notifyAll();
  }

  List<String> matching(Predicate<String> filter) {
    return lines.stream().map(ILoggingEvent::getFormattedMessage).filter(filter).toList();
  }

  /** The threads (event loops) that logged the matching lines. */
  List<String> threads(Predicate<String> filter) {
    return lines.stream().filter(event -> filter.test(event.getFormattedMessage())).map(ILoggingEvent::getThreadName)
      .toList();
  }

  /** The first line, logged already or within 10 s, that matches. */
  synchronized String await(Predicate<String> filter) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<String> found = matching(filter);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new TimeoutException("no such log line among " + matching(line -> true));
      }
      wait(left);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
