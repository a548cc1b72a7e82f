package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The bandwidth and slicer faults: what is written leaves in pieces, in order, each piece when its
 * time has come. A piece of n bytes costs {@code pause + n / bytesPerSecond}; the schedule runs on
 * from where it was, so a late timer is caught up and the rate holds over time, but an idle pacer
 * earns no credit for a later burst. While the socket's write queue is full the pacer waits: a client
 * that does not read gets no more than it would without the fault.
 */
final class Pacer {

  /** Without a slicer, bandwidth alone sends a piece about every {@value #TICK_MS} ms. */
  private static final int TICK_MS = 50;
  private static final int MAX_PIECE = 64 * 1024;

  private final Vertx vertx;
  private final int pieceBytes;
  private final long pauseNanos;
  private final double nanosPerByte;
  private final Consumer<Buffer> out;
  private final BooleanSupplier blocked;
  private final Runnable drained;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private long pendingBytes;
  private long nextNanos;
  private long timer = -1;
  private Runnable whenEmpty;

  /**
   * {@code sliceBytes} 0: no slicer; {@code bytesPerSecond} 0: no bandwidth limit. Pieces go to
   * {@code out}; {@code blocked} says the socket cannot take more now; {@code drained} runs whenever
   * the queue empties (backpressure may let the client be read again).
   */
  Pacer(Vertx vertx, int sliceBytes, int sliceDelayMs, int bytesPerSecond, Consumer<Buffer> out,
        BooleanSupplier blocked, Runnable drained) {
    this.vertx = vertx;
    this.pieceBytes = sliceBytes > 0 ? sliceBytes : Math.max(1, Math.min(MAX_PIECE, bytesPerSecond / (1000 / TICK_MS)));
    this.pauseNanos = sliceDelayMs * 1_000_000L;
    this.nanosPerByte = bytesPerSecond > 0 ? 1e9 / bytesPerSecond : 0;
    this.out = out;
    this.blocked = blocked;
    this.drained = drained;
  }

  /** Queues {@code data} (which the pacer now owns) behind everything queued before. */
  void add(Buffer data) {
    if (data.length() == 0) {
      return;
    }
    if (queue.isEmpty()) {
      // an idle pacer starts now, never in the past: no saved-up burst
      nextNanos = Math.max(nextNanos, System.nanoTime());
    }
    queue.add(data);
    pendingBytes += data.length();
    if (timer < 0) {
      send();
    }
  }

  /** Bytes queued and not yet written; part of what backpressure bounds. */
  long pendingBytes() {
    return pendingBytes;
  }

  /** Runs the action once everything queued has been written (at once when nothing is). */
  void whenEmpty(Runnable action) {
    if (queue.isEmpty()) {
      action.run();
    } else {
      whenEmpty = action;
    }
  }

  /** Forgets everything queued and stops. */
  void drop() {
    queue.clear();
    pendingBytes = 0;
    whenEmpty = null;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void send() {
    timer = -1;
    long now = System.nanoTime();
    while (!queue.isEmpty() && nextNanos <= now) {
      if (blocked.getAsBoolean()) {
        // the client is not reading: look again a tick later rather than queue in the socket
        nextNanos = now + TICK_MS * 1_000_000L;
        break;
      }
      Buffer head = queue.peek();
      int n = Math.min(pieceBytes, head.length());
      Buffer piece;
      if (n == head.length()) {
        piece = queue.poll();
      } else {
        piece = head.slice(0, n);
        queue.poll();
        queue.addFirst(head.slice(n, head.length()));
      }
      pendingBytes -= n;
      nextNanos += pauseNanos + (long) (n * nanosPerByte);
      out.accept(piece);
    }
    if (!queue.isEmpty()) {
      long waitMs = Math.max(1, (nextNanos - System.nanoTime() + 999_999) / 1_000_000);
      timer = vertx.setTimer(waitMs, id -> send());
    } else {
      Runnable action = whenEmpty;
      whenEmpty = null;
      drained.run();
      if (action != null) {
        action.run();
      }
    }
  }
}
