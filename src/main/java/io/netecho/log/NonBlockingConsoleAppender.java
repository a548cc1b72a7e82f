package io.netecho.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.FilterReply;

import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Console output that never makes a logging thread wait: the event is handed to a bounded queue
 * and one writer thread ({@link LineWriter}) encodes and writes the lines in batches to standard
 * output. When the queue is full the line is dropped and counted ({@link DroppedLogLines}); once the
 * writer catches up, one line says how many were lost.
 *
 * <p>Stopping the appender (stopping the logging context) writes out what is queued, waiting at
 * most {@code maxFlushTime} milliseconds for the output; the launchers do that once Vert.x has
 * closed, so the last lines of a run are never lost.
 *
 * <p>The message of an event whose arguments are all immutable values (strings, numbers) is
 * formatted by the writer, not by the logging thread; any other event is prepared on the logging
 * thread, as logback's own {@code AsyncAppender} does.
 */
public final class NonBlockingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  private int queueSize = 8192;
  private int maxFlushTime = 2000;
  private Encoder<ILoggingEvent> encoder;
  private volatile Encoder<ILoggingEvent> override;
  private Supplier<OutputStream> target = () -> System.out;
  private final LongAdder dropped = new LongAdder();
  private ArrayBlockingQueue<ILoggingEvent> queue;
  private LineWriter writer;

  /** How many lines may wait for the writer; more are dropped. */
  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  public int getQueueSize() {
    return queueSize;
  }

  /** How long stopping waits for queued lines to be written, in milliseconds. */
  public void setMaxFlushTime(int maxFlushTime) {
    this.maxFlushTime = maxFlushTime;
  }

  public int getMaxFlushTime() {
    return maxFlushTime;
  }

  /** The configured line format; {@link TextLineEncoder} is the fast one. */
  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  public Encoder<ILoggingEvent> getEncoder() {
    return encoder;
  }

  /** Lines dropped by this appender because its queue was full. */
  public long dropped() {
    return dropped.sum();
  }

  /** Where the lines go instead of {@code System.out} (looked up at every write, like logback's console). */
  void setTarget(Supplier<OutputStream> target) {
    this.target = target;
  }

  /**
   * Encodes lines with {@code replacement} from now on instead of the configured encoder, or with
   * the configured one again when null; {@link LogFormat} switches to JSON this way.
   */
  void useEncoder(Encoder<ILoggingEvent> replacement) {
    override = replacement;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder for appender " + name);
      return;
    }
    if (queueSize < 1) {
      addError("queueSize must be at least 1, was " + queueSize);
      return;
    }
    queue = new ArrayBlockingQueue<>(queueSize);
    writer = new LineWriter(queue, this::activeEncoder, () -> target.get(), dropped,
      ((LoggerContext) getContext()).getLogger(DroppedLogLines.class), this);
    writer.start("log-" + String.valueOf(name).toLowerCase(Locale.ROOT));
    super.start();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    try {
      if (!writer.stop(maxFlushTime)) {
        addWarn("the console did not take the last log lines within " + maxFlushTime + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What logback's base class does, without its re-entry guard (two thread-local writes per line):
   * nothing here logs, so nothing can re-enter.
   */
  @Override
  public void doAppend(ILoggingEvent event) {
    if (!isStarted() || getFilterChainDecision(event) == FilterReply.DENY) {
      return;
    }
    append(event);
  }

  @Override
  protected void append(ILoggingEvent event) {
    prepare(event);
    if (queue.offer(event)) {
      writer.wake();
    } else {
      dropped.increment();
      DroppedLogLines.add();
    }
  }

  private Encoder<ILoggingEvent> activeEncoder() {
    Encoder<ILoggingEvent> replacement = override;
    return replacement != null ? replacement : encoder;
  }

  /** What must be read on the logging thread before another thread may encode the event. */
  private static void prepare(ILoggingEvent event) {
    if (event instanceof LoggingEvent plain && immutable(plain.getArgumentArray())) {
      plain.getThreadName();
      plain.getMDCPropertyMap();
    } else {
      event.prepareForDeferredProcessing();
    }
  }

  /** True when formatting the arguments later gives the same text as formatting them now. */
  private static boolean immutable(Object[] arguments) {
    if (arguments == null) {
      return true;
    }
    for (Object argument : arguments) {
      if (!(argument == null || argument instanceof String || argument instanceof Integer
        || argument instanceof Long || argument instanceof Boolean || argument instanceof Character
        || argument instanceof Short || argument instanceof Byte || argument instanceof Double
        || argument instanceof Float)) {
        return false;
      }
    }
    return true;
  }
}
