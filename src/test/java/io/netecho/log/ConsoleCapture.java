package io.netecho.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link NonBlockingConsoleAppender} on one logger for a test, writing to memory instead of
 * standard output; the output can be blocked, like a terminal nobody reads, and let go again.
 */
public final class ConsoleCapture implements AutoCloseable {

  private static final Pattern DROP_REPORT =
    Pattern.compile("DroppedLogLines - (\\d+) log lines dropped: the log could not keep up$");

  /** The lines lost, as the drop reports among {@code lines} add them up (a writer may report in two lines). */
  public static long droppedReported(List<String> lines) {
    long reported = 0;
    for (String line : lines) {
      Matcher report = DROP_REPORT.matcher(line);
      if (report.find()) {
        reported += Long.parseLong(report.group(1));
      }
    }
    return reported;
  }

  private final Logger logger;
  private final NonBlockingConsoleAppender appender = new NonBlockingConsoleAppender();
  private final Output output = new Output();
  private final boolean additive;

  private ConsoleCapture(Logger logger, int queueSize) {
    this.logger = logger;
    // the test's own console shows none of these lines while attached
    this.additive = logger.isAdditive();
    logger.setAdditive(false);
    LoggerContext context = logger.getLoggerContext();
    TextLineEncoder encoder = new TextLineEncoder();
    encoder.setContext(context);
    encoder.start();
    appender.setContext(context);
    appender.setName("capture");
    appender.setQueueSize(queueSize);
    appender.setEncoder(encoder);
    appender.setTarget(() -> output);
    appender.start();
    logger.addAppender(appender);
  }

  /** Attaches to the logger of {@code source}, with a queue of {@code queueSize} lines. */
  public static ConsoleCapture of(Class<?> source, int queueSize) {
    return new ConsoleCapture((Logger) LoggerFactory.getLogger(source), queueSize);
  }

  public static ConsoleCapture of(String loggerName, int queueSize) {
    return new ConsoleCapture((Logger) LoggerFactory.getLogger(loggerName), queueSize);
  }

  /** From now on the writer waits in its next write, as on a full pipe, until {@link #unblock}. */
  public void block() {
    output.blocked(true);
  }

  public void unblock() {
    output.blocked(false);
  }

  /** Every complete line written so far. */
  public List<String> lines() {
    return output.lines();
  }

  /** How many writes the lines took. */
  public int writes() {
    return output.writes();
  }

  /** Lines this appender dropped because its queue was full. */
  public long dropped() {
    return appender.dropped();
  }

  /** Waits for a written line that matches, up to {@code millis}. */
  public String await(Predicate<String> filter, long millis) throws InterruptedException, TimeoutException {
    return output.await(lines -> lines.stream().filter(filter).findFirst().orElse(null), millis);
  }

  /** Waits until the lines written so far, taken together, satisfy {@code done}, up to {@code millis}; returns them. */
  public List<String> awaitLines(Predicate<List<String>> done, long millis) throws InterruptedException, TimeoutException {
    return output.await(lines -> done.test(lines) ? lines : null, millis);
  }

  /** Stops the appender, which writes out what is queued, within its flush time. */
  public void stop() {
    appender.stop();
  }

  @Override
  public void close() {
    unblock();
    logger.detachAppender(appender);
    logger.setAdditive(additive);
    appender.stop();
  }

  private static final class Output extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean blocked;
    private int writes;

    synchronized void blocked(boolean value) {
      blocked = value;
      notifyAll();
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      while (blocked) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      bytes.write(b, off, len);
      writes++;
      notifyAll();
    }

    synchronized int writes() {
      return writes;
    }

    synchronized List<String> lines() {
      String text = bytes.toString(StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    /** Waits until {@code found} gives a non-null answer for the lines written so far. */
    synchronized <T> T await(Function<List<String>, T> found, long millis) throws InterruptedException, TimeoutException {
      long deadline = System.nanoTime() + millis * 1_000_000;
      while (true) {
        T answer = found.apply(lines());
        if (answer != null) {
          return answer;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("no such line in " + millis + " ms; lines: " + lines());
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
