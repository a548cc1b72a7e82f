package io.netecho.log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One kind of log line (a logger, a level, a format) that clients can make repeat at will, such as
 * a rejected connection or an ignored datagram, written at most once a second. The first line of a
 * quiet spell is logged at once; the ones that follow within the second are only counted, and when
 * the second is over one line sums them up:
 * {@code ... and 41 more like it in the last second, the last: <the last one>}. While they keep
 * coming, one summary a second; after a second without any, the next one is logged at once again.
 *
 * <p>The summary is written by a Vert.x timer, set on the event loop of the second's first counted
 * line (a lone line costs no timer). Without one (a line counted off Vert.x, or its Vert.x closed
 * meanwhile) the summary is written before the next line that is logged. Callable from any thread;
 * a counted line costs a short lock and no formatting.
 */
public final class RateLimitedLog {

  /** Runs a task after a delay, if it can. */
  interface Timer {
    void after(long millis, Runnable task);
  }

  static final long WINDOW_MILLIS = 1000;
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);

  private final Logger log;
  private final Level level;
  private final String format;
  private final String summary;
  private final LongSupplier nanoClock;
  private final Timer timer;
  // guarded by this: the open window (if any), what it has counted, and whether a timer will sum it up
  private boolean open;
  private long windowEnd;
  private long generation;
  private long suppressed;
  private Object[] last;
  private boolean timerPending;

  RateLimitedLog(Logger log, Level level, String format, LongSupplier nanoClock, Timer timer) {
    this.log = log;
    this.level = level;
    this.format = format;
    this.summary = "... and {} more like it in the last second, the last: " + format;
    this.nanoClock = nanoClock;
    this.timer = timer;
  }

  /** Lines of {@code format} at {@code level} on {@code log}, at most one a second. */
  public static RateLimitedLog perSecond(Logger log, Level level, String format) {
    return new RateLimitedLog(log, level, format, System::nanoTime, RateLimitedLog::onCurrentEventLoop);
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
    long pending;
    Object[] pendingLast;
    long window;
    long delayMillis;
    synchronized (this) {
      if (open && now - windowEnd < 0) {
        suppressed++;
        last = args;
        if (timerPending) {
          return;
        }
        // the window's first counted line: a timer sums the window up when it ends
        timerPending = true;
        window = generation;
        delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(windowEnd - now + 999_999));
        pending = 0;
        pendingLast = null;
      } else {
        // a new window; what the last one counted goes first if no timer summed it up
        pending = suppressed;
        pendingLast = last;
        openWindow(now);
        window = -1;
        delayMillis = 0;
      }
    }
    if (window >= 0) {
      timer.after(delayMillis, () -> windowEnded(window));
      return;
    }
    if (pending > 0) {
      writeSummary(pending, pendingLast);
    }
    write(format, args);
  }

  /** The window's second is over: sum it up and count on in a new window. */
  private void windowEnded(long ending) {
    long count;
    Object[] lastArgs;
    synchronized (this) {
      if (!open || generation != ending) {
        // a later line already summed it up and opened another
        return;
      }
      count = suppressed;
      lastArgs = last;
      // while lines keep coming, no line opens the next window at once: only summaries, one a second
      openWindow(nanoClock.getAsLong());
    }
    writeSummary(count, lastArgs);
  }

  private void openWindow(long now) {
    open = true;
    windowEnd = now + WINDOW_NANOS;
    suppressed = 0;
    last = null;
    timerPending = false;
    generation++;
  }

  private void writeSummary(long count, Object[] lastArgs) {
    Object[] args = new Object[lastArgs.length + 1];
    args[0] = count;
    System.arraycopy(lastArgs, 0, args, 1, lastArgs.length);
    write(summary, args);
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
