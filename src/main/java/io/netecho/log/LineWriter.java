package io.netecho.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAware;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The one thread that writes a console appender's queue out: it takes the queued events in
 * batches, encodes them into one buffer, and writes the buffer when it is large or when the queue
 * is empty, so under load many lines leave in one {@code write(2)}. With the queue empty it looks
 * again every millisecond for a while, so a steady stream of lines costs the loggers no wake-up
 * call; idle for longer, it sleeps until a logger wakes it, and then lingers a millisecond so the
 * lines of that burst go out together. The clock and the parking are passed in ({@link Clock}), so
 * the batching is tested under a clock of the test's own.
 */
final class LineWriter implements Runnable {

  private static final int BATCH = 256;
  static final int FLUSH_AT = 64 * 1024;
  // Long enough for an event loop to log a whole read's worth of lines before the writer takes
  // the CPU (the writer may share one CPU with it), short enough that a line shows up at once.
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  // how many lingers without a line before the writer sleeps and a logger must wake it (unpark)
  private static final int LINGERS_BEFORE_SLEEP = 50;
  private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final String DROPS_LOGGER = DroppedLogLines.class.getName();

  /** The time and the waits of the writer thread: {@link #SYSTEM}'s in production. */
  interface Clock {

    long nanoTime();

    /** Waits {@code nanos}, or less when unparked. */
    void parkNanos(Object blocker, long nanos);

    /** Waits until unparked. */
    void park(Object blocker);
  }

  static final Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void parkNanos(Object blocker, long nanos) {
      LockSupport.parkNanos(blocker, nanos);
    }

    @Override
    public void park(Object blocker) {
      LockSupport.park(blocker);
    }
  };

  private final Clock clock;
  private final BlockingQueue<ILoggingEvent> queue;
  private final Supplier<Encoder<ILoggingEvent>> encoder;
  private final Supplier<OutputStream> target;
  private final LongAdder dropped;
  private final Logger dropsLogger;
  private final ContextAware status;
  private final LineBuffer buffer = new LineBuffer(2 * FLUSH_AT);
  private final List<ILoggingEvent> batch = new ArrayList<>(BATCH);
  private final AtomicBoolean sleeping = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile Thread thread;
  private long reported;
  private long reportedAt;
  private int idleLingers;
  private boolean failed;

  LineWriter(BlockingQueue<ILoggingEvent> queue, Supplier<Encoder<ILoggingEvent>> encoder,
             Supplier<OutputStream> target, LongAdder dropped, Logger dropsLogger, ContextAware status) {
    this(SYSTEM, queue, encoder, target, dropped, dropsLogger, status);
  }

  LineWriter(Clock clock, BlockingQueue<ILoggingEvent> queue, Supplier<Encoder<ILoggingEvent>> encoder,
             Supplier<OutputStream> target, LongAdder dropped, Logger dropsLogger, ContextAware status) {
    this.clock = clock;
    this.reportedAt = clock.nanoTime();
    this.queue = queue;
    this.encoder = encoder;
    this.target = target;
    this.dropped = dropped;
    this.dropsLogger = dropsLogger;
    this.status = status;
  }

  /** Starts the writer thread, a daemon: it must never keep the process alive. */
  void start(String name) {
    Thread t = new Thread(this, name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Called by a logger after queueing: wakes the writer if it sleeps. Cheap when it does not. */
  void wake() {
    if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Writes out what is queued and ends the thread, waiting at most {@code millis}; false when the
   * output did not take it all in that time (a blocked terminal or pipe).
   */
  boolean stop(long millis) throws InterruptedException {
    endWhenEmpty();
    Thread t = thread;
    LockSupport.unpark(t);
    t.join(millis);
    return !t.isAlive();
  }

  /** From now on the writer ends ({@link #run} returns) once it has written out the queue. */
  void endWhenEmpty() {
    stopping = true;
  }

  @Override
  public void run() {
    try {
      while (true) {
        if (queue.drainTo(batch, BATCH) > 0) {
          idleLingers = 0;
          encodeBatch();
          if (buffer.length() >= FLUSH_AT) {
            flush();
          }
          if (clock.nanoTime() - reportedAt >= REPORT_EVERY_NANOS) {
            // the queue does not empty: say now what was lost, not only when it catches up
            reportDrops();
          }
          continue;
        }
        // the queue is empty: every line taken is written out, then a word on what was lost
        reportDrops();
        flush();
        if (stopping && queue.isEmpty()) {
          return;
        }
        if (++idleLingers <= LINGERS_BEFORE_SLEEP) {
          clock.parkNanos(this, LINGER_NANOS);
        } else {
          sleep();
        }
      }
    } catch (RuntimeException | Error e) {
      status.addError("log writer stopped: " + e, e);
    }
  }

  private void sleep() {
    sleeping.set(true);
    if (queue.isEmpty() && !stopping) {
      clock.park(this);
    }
    sleeping.set(false);
    idleLingers = 0;
    if (!stopping) {
      clock.parkNanos(this, LINGER_NANOS);
    }
  }

  private void encodeBatch() {
    Encoder<ILoggingEvent> current = encoder.get();
    for (int i = 0; i < batch.size(); i++) {
      encode(current, batch.get(i));
    }
    batch.clear();
  }

  private void encode(Encoder<ILoggingEvent> current, ILoggingEvent event) {
    try {
      if (current instanceof TextLineEncoder text) {
        text.encodeTo(event, buffer);
      } else {
        buffer.append(current.encode(event));
      }
    } catch (RuntimeException e) {
      status.addError("could not encode a log line: " + e, e);
    }
  }

  private void reportDrops() {
    reportedAt = clock.nanoTime();
    long total = dropped.sum();
    if (total == reported) {
      return;
    }
    long lost = total - reported;
    reported = total;
    LoggingEvent line = new LoggingEvent(DROPS_LOGGER, dropsLogger, Level.WARN,
      "{} log lines dropped: the log could not keep up", null, new Object[] {lost});
    line.prepareForDeferredProcessing();
    encode(encoder.get(), line);
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    try {
      buffer.writeTo(target.get());
    } catch (IOException e) {
      if (!failed) {
        failed = true;
        status.addError("could not write log lines: " + e, e);
      }
    }
  }
}
