package io.netecho.log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One kind of log line (a logger, a level, a format) that clients can make repeat at will, such as
 * a rejected connection or an ignored datagram, written at most once a second (or once a window of
 * another length). The first line of a quiet spell is logged at once; the ones that follow within
 * the window are only counted, and when the window is over one line sums them up:
 * {@code ... and 41 more like it in the last second, the last: <the last one>}. While they keep
 * coming, one summary a window; after a window without any, the next one is logged at once again.
 * A log made by {@link #counting} writes its first line and its summaries alike, in one format,
 * from what its {@link Tally} counted.
 *
 * <p>The summary is written by a Vert.x timer, set on the event loop of the window's first counted
 * line (a lone line costs no timer). Without one (a line counted off Vert.x, or its Vert.x closed
 * meanwhile) the summary is written before the next line that is logged. Callable from any thread;
 * a counted line costs a short lock and no formatting.
 */
public final class RateLimitedLog {

  /** Runs a task after a delay, if it can. */
  interface Timer {
    void after(long millis, Runnable task);
  }

  /**
   * What a {@link #counting} log keeps of the lines it counts, and the arguments of the line that says
   * what it counted; called under the log's lock.
   */
  public interface Tally {

    /** Counts one line, given the arguments it was logged with. */
    void add(Object[] args);

    /** The arguments of the line for what was counted since the last call, which it forgets; null when nothing was. */
    Object[] take();
  }

  static final long WINDOW_MILLIS = 1000;

  private final Logger log;
  private final Level level;
  private final String format;
  private final String summary;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Timer timer;
  /** Null for a per-second log, whose summary is a count and the last line's arguments. */
  private final Tally tally;
  // guarded by this: the open window (if any), what it has counted, and whether a timer will sum it up
  private boolean open;
  private long windowEnd;
  private long generation;
  private long suppressed;
  private Object[] last;
  private boolean timerPending;

  RateLimitedLog(Logger log, Level level, String format, LongSupplier nanoClock, Timer timer) {
    this(log, level, format, "... and {} more like it in the last second, the last: " + format, WINDOW_MILLIS, null,
      nanoClock, timer);
  }

  RateLimitedLog(Logger log, Level level, String format, String summary, long windowMillis, Tally tally,
                 LongSupplier nanoClock, Timer timer) {
    this.log = log;
    this.level = level;
    this.format = format;
    this.summary = summary;
    this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
    this.tally = tally;
    this.nanoClock = nanoClock;
    this.timer = timer;
  }

  /** Lines of {@code format} at {@code level} on {@code log}, at most one a second. */
  public static RateLimitedLog perSecond(Logger log, Level level, String format) {
    return new RateLimitedLog(log, level, format, System::nanoTime, RateLimitedLog::onCurrentEventLoop);
  }

  /**
   * Lines of {@code format} at {@code level} on {@code log}, at most one every {@code windowMillis}:
   * the first of a quiet spell for what {@code tally} counted of it alone, each summary for what it
   * counted of the rest of the window.
   */
  public static RateLimitedLog counting(Logger log, Level level, long windowMillis, String format, Tally tally) {
    return new RateLimitedLog(log, level, format, format, windowMillis, tally, System::nanoTime,
      RateLimitedLog::onCurrentEventLoop);
  }

  public void log(Object arg) {
    if (enabled()) {
      log(new Object[] {arg});
    }
  }

  public void log(Object arg1, Object arg2) {
    if (enabled()) {
      log(new Object[] {arg1, arg2});
    }
  }

  private void log(Object[] args) {
    long now = nanoClock.getAsLong();
    Object[] pending;
    Object[] line;
    long window;
    long delayMillis;
    synchronized (this) {
      if (open && now - windowEnd < 0) {
        count(args);
        if (timerPending) {
          return;
        }
        // the window's first counted line: a timer sums the window up when it ends
        timerPending = true;
        window = generation;
        delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(windowEnd - now + 999_999));
        pending = null;
        line = null;
      } else {
        // a new window; what the last one counted goes first if no timer summed it up
        pending = takeSummary();
        openWindow(now);
        window = -1;
        delayMillis = 0;
        if (tally == null) {
          line = args;
        } else {
          tally.add(args);
          line = tally.take();
        }
      }
    }
    if (window >= 0) {
      timer.after(delayMillis, () -> windowEnded(window));
      return;
    }
    if (pending != null) {
      write(summary, pending);
    }
    write(format, line);
  }

  /** The window is over: sum it up and count on in a new window. */
  private void windowEnded(long ending) {
    Object[] args;
    synchronized (this) {
      if (!open || generation != ending) {
        // a later line already summed it up and opened another
        return;
      }
      args = takeSummary();
      // while lines keep coming, no line opens the next window at once: only summaries, one a window
      openWindow(nanoClock.getAsLong());
    }
    if (args != null) {
      write(summary, args);
    }
  }

  /** Under the lock: a line of the open window, not written. */
  private void count(Object[] args) {
    if (tally != null) {
      tally.add(args);
      return;
    }
    suppressed++;
    last = args;
  }

  /** Under the lock: the summary's arguments for what the window counted, or null when it counted nothing. */
  private Object[] takeSummary() {
    if (tally != null) {
      return tally.take();
    }
    if (suppressed == 0) {
      return null;
    }
    Object[] args = new Object[last.length + 1];
    args[0] = suppressed;
    System.arraycopy(last, 0, args, 1, last.length);
    return args;
  }

  private void openWindow(long now) {
    open = true;
    windowEnd = now + windowNanos;
    suppressed = 0;
    last = null;
    timerPending = false;
    generation++;
  }

  private boolean enabled() {
    return log.isEnabledForLevel(level);
  }

  private void write(String text, Object[] args) {
    log.atLevel(level).log(text, args);
  }

  /** A timer on the calling event loop; none off Vert.x or once its Vert.x is closing. */
  private static void onCurrentEventLoop(long millis, Runnable task) {
    Context context = Vertx.currentContext();
    if (context != null) {
      try {
        context.owner().setTimer(millis, id -> task.run());
      } catch (RuntimeException closing) {
        // the next line logged sums up instead
      }
    }
  }
}
