package io.netecho.faults;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Bytes written later than they were given, in the order they were given: the reply delay and the
 * latency fault (each entry waits its own time), bandwidth and slicer (entries leave in pieces, each
 * piece costing {@code pause + n / bytesPerSecond}). One rule for all: the head leaves, whole or as
 * its next piece, once its own time has come and the previous piece's cost is paid. The pace runs on
 * from where it was, so a late timer is caught up and a rate holds over time, but an idle queue
 * earns no credit for a later burst. While {@code blocked} says the socket cannot take more (a client
 * that does not read), the queue waits rather than fill the socket's buffer. One timer at a time;
 * must be used on the connection's event loop. The clock and the timers are passed in ({@link Timers}),
 * so the schedule is tested under a clock of the test's own.
 */
public final class TimedQueue {

  /** How often a blocked queue looks again, and how often bandwidth alone sends a piece. */
  private static final long TICK_NANOS = 50_000_000L;
  private static final int MAX_PIECE = 64 * 1024;

  private record Entry(long dueNanos, Buffer data) {
  }

  /** The clock and the timers the queue runs on: the event loop's in production. */
  interface Timers {

    long nanoTime();

    long setTimer(long delayMs, Handler<Long> handler);

    void cancelTimer(long id);

    static Timers of(Vertx vertx) {
      return new Timers() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public long setTimer(long delayMs, Handler<Long> handler) {
          return vertx.setTimer(delayMs, handler);
        }

        @Override
        public void cancelTimer(long id) {
          vertx.cancelTimer(id);
        }
      };
    }
  }

  private final Timers timers;
  /** One handler for every timer the queue sets. */
  private final Handler<Long> onTimer = id -> send();
  private final LongSupplier waitNanos;
  private final int pieceBytes;
  private final long pauseNanos;
  private final double nanosPerByte;
  private final Consumer<Buffer> out;
  private final BooleanSupplier blocked;
  private final Runnable progressed;
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private long pendingBytes;
  private long nextNanos;
  private long timer = -1;
  private Runnable whenEmpty;

  private TimedQueue(Timers timers, LongSupplier waitNanos, int pieceBytes, long pauseNanos, int bytesPerSecond,
                     Consumer<Buffer> out, BooleanSupplier blocked, Runnable progressed) {
    this.timers = timers;
    this.waitNanos = waitNanos;
    this.pieceBytes = pieceBytes;
    this.pauseNanos = pauseNanos;
    this.nanosPerByte = bytesPerSecond > 0 ? 1e9 / bytesPerSecond : 0;
    this.out = out;
    this.blocked = blocked;
    this.progressed = progressed;
  }

  /**
   * Each entry, whole, {@code waitNanos} after it was added (a new draw per entry). {@code progressed}
   * runs after entries have left (backpressure may let the client be read again).
   */
  public static TimedQueue delaying(Vertx vertx, LongSupplier waitNanos, Consumer<Buffer> out, Runnable progressed) {
    return delaying(Timers.of(vertx), waitNanos, out, progressed);
  }

  static TimedQueue delaying(Timers timers, LongSupplier waitNanos, Consumer<Buffer> out, Runnable progressed) {
    return new TimedQueue(timers, waitNanos, 0, 0, 0, out, () -> false, progressed);
  }

  /**
   * In pieces of {@code sliceBytes} (0: no slicer), {@code sliceDelayMs} apart, at most
   * {@code bytesPerSecond} (0: no limit); waits while {@code blocked}.
   */
  public static TimedQueue pacing(Vertx vertx, int sliceBytes, int sliceDelayMs, int bytesPerSecond,
                                  Consumer<Buffer> out, BooleanSupplier blocked, Runnable progressed) {
    return pacing(Timers.of(vertx), sliceBytes, sliceDelayMs, bytesPerSecond, out, blocked, progressed);
  }

  static TimedQueue pacing(Timers timers, int sliceBytes, int sliceDelayMs, int bytesPerSecond,
                           Consumer<Buffer> out, BooleanSupplier blocked, Runnable progressed) {
    int piece = sliceBytes > 0 ? sliceBytes
      : Math.max(1, (int) Math.min(MAX_PIECE, bytesPerSecond * TICK_NANOS / 1_000_000_000L));
    return new TimedQueue(timers, () -> 0, piece, sliceDelayMs * 1_000_000L, bytesPerSecond, out, blocked, progressed);
  }

  /** Queues {@code data}, which the queue now owns, behind everything queued before. */
  public void add(Buffer data) {
    if (data.length() == 0) {
      return;
    }
    queue.add(new Entry(timers.nanoTime() + waitNanos.getAsLong(), data));
    pendingBytes += data.length();
    if (timer < 0) {
      send();
    }
  }

  /** Bytes queued and not yet written; part of what backpressure bounds. */
  public long pendingBytes() {
    return pendingBytes;
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Runs {@code action} once everything queued has been written (at once when nothing is), after any earlier one. */
  public void whenEmpty(Runnable action) {
    if (queue.isEmpty()) {
      action.run();
    } else if (whenEmpty == null) {
      whenEmpty = action;
    } else {
      Runnable earlier = whenEmpty;
      whenEmpty = () -> {
        earlier.run();
        action.run();
      };
    }
  }

  /** Forgets everything queued, and what was to run once it was written; answers how many entries there were. */
  public int drop() {
    int dropped = queue.size();
    queue.clear();
    pendingBytes = 0;
    whenEmpty = null;
    if (timer >= 0) {
      timers.cancelTimer(timer);
      timer = -1;
    }
    return dropped;
  }

  private void send() {
    timer = -1;
    long now = timers.nanoTime();
    boolean wrote = false;
    long wakeAt = 0;
    while (!queue.isEmpty()) {
      Entry head = queue.peek();
      long start = Math.max(nextNanos, head.dueNanos());
      if (start > now) {
        wakeAt = start;
        break;
      }
      if (blocked.getAsBoolean()) {
        // no credit for the time the client did not read: the pace starts again a tick from now
        nextNanos = now + TICK_NANOS;
        wakeAt = nextNanos;
        break;
      }
      int length = head.data().length();
      int n = pieceBytes == 0 ? length : Math.min(pieceBytes, length);
      queue.poll();
      Buffer piece = head.data();
      if (n < length) {
        piece = head.data().slice(0, n);
        queue.addFirst(new Entry(head.dueNanos(), head.data().slice(n, length)));
      }
      pendingBytes -= n;
      // from when this piece was due, not from now: a late timer is caught up
      nextNanos = start + pauseNanos + (long) (n * nanosPerByte);
      wrote = true;
      out.accept(piece);
    }
    if (!queue.isEmpty()) {
      long waitMs = Math.max(1, (wakeAt - now + 999_999) / 1_000_000);
      timer = timers.setTimer(waitMs, onTimer);
    }
    if (wrote) {
      progressed.run();
    }
    if (queue.isEmpty() && whenEmpty != null) {
      Runnable action = whenEmpty;
      whenEmpty = null;
      action.run();
    }
  }
}
