package io.netecho.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The log lines one class writes during a test, with the thread that wrote each. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  /** One captured line: the thread that logged it and its formatted text. */
  public record Line(String thread, String text) {
  }

  /** The logger of the echo's connections, {@code EchoConnection}'s (package-private, so named here). */
  public static final String CONNECTIONS = "io.netecho.EchoConnection";

  private final Logger logger;
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Map<Predicate<String>, CompletableFuture<String>> waiters = new ConcurrentHashMap<>();
  private final Map<Predicate<String>, Consumer<String>> listeners = new ConcurrentHashMap<>();

  private LogCapture(String source) {
    this.logger = (Logger) LoggerFactory.getLogger(source);
    setContext(logger.getLoggerContext());
    start();
    logger.addAppender(this);
  }

  public static LogCapture of(Class<?> source) {
    return new LogCapture(source.getName());
  }

  /**
   * The lines of the echo's connections, for tests outside {@code io.netecho}, to which the
   * package-private {@code EchoConnection} is not visible (a wrong name would capture nothing, and
   * every test that reads these lines would fail).
   */
  public static LogCapture ofConnections() {
    return new LogCapture(CONNECTIONS);
  }

  /** Every line of net-echo's own loggers. */
  public static LogCapture ofAll() {
    return new LogCapture("io.netecho");
  }

  @Override
  protected void append(ILoggingEvent event) {
    String text = event.getFormattedMessage();
    lines.add(new Line(event.getThreadName(), text));
    waiters.forEach((filter, waiter) -> {
      if (filter.test(text)) {
        waiter.complete(text);
      }
    });
    listeners.forEach((filter, listener) -> {
      if (filter.test(text)) {
        listener.accept(text);
      }
    });
  }

  /**
   * Hands every matching line logged from now on to {@code listener}, on the thread that logs it: a
   * line is an event, so a strict checkpoint flagged here fails the test when the line comes twice.
   */
  public void each(Predicate<String> filter, Consumer<String> listener) {
    listeners.put(filter, listener);
  }

  /** Completes with the first line, already logged or still to come, that matches. */
  public CompletableFuture<String> next(Predicate<String> filter) {
    CompletableFuture<String> waiter = new CompletableFuture<>();
    waiters.put(filter, waiter);
    lines.stream().map(Line::text).filter(filter).findFirst().ifPresent(waiter::complete);
    return waiter;
  }

  public List<Line> lines(Predicate<String> filter) {
    return lines.stream().filter(line -> filter.test(line.text())).collect(Collectors.toList());
  }

  public List<String> texts(Predicate<String> filter) {
    return lines(filter).stream().map(Line::text).collect(Collectors.toList());
  }

  /** The threads (event loops) that logged the matching lines. */
  public List<String> threads(Predicate<String> filter) {
    return lines(filter).stream().map(Line::thread).collect(Collectors.toList());
  }

  /** The first line, logged already or within 10 s, that matches. */
  public String await(Predicate<String> filter) throws Exception {
    try {
      return next(filter).get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("no such log line among " + texts(line -> true));
    }
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
