package io.netecho.log;

import java.util.concurrent.atomic.LongAdder;

/**
 * Log lines the console could not take: its queue was full, so the line was dropped rather than
 * make an event loop wait. Counted over the whole process, for the
 * {@code netecho_log_lines_dropped_total} metric.
 */
public final class DroppedLogLines {

  private static final LongAdder DROPPED = new LongAdder();

  private DroppedLogLines() {
  }

  /** Every line dropped since the process started. */
  public static long total() {
    return DROPPED.sum();
  }

  static void add() {
    DROPPED.increment();
  }
}
