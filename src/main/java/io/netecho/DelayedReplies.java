package io.netecho;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Replies held back {@code reply.delayMs} each (latency injection), plus the latency fault's random
 * wait when the connection was dealt it, written in arrival order by one timer at a time. Only
 * connections with a delay have one.
 */
final class DelayedReplies {

  private record Pending(long dueNanos, Buffer reply) {
  }

  private final Vertx vertx;
  private final long delayNanos;
  /** The latency fault's extra wait per reply, in nanoseconds; null without it. */
  private final LongSupplier latency;
  private final int extraBytes;
  private final Consumer<Buffer> writer;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long pendingBytes;
  private long timer = -1;
  private Runnable whenEmpty;

  /**
   * {@code latency}: the latency fault's extra wait per reply, or null; {@code extraBytes}: what the
   * writer adds to each held chunk (the prefix), for {@link #pendingBytes}.
   */
  DelayedReplies(Vertx vertx, int delayMs, LongSupplier latency, int extraBytes, Consumer<Buffer> writer) {
    this.vertx = vertx;
    this.delayNanos = delayMs * 1_000_000L;
    this.latency = latency;
    this.extraBytes = extraBytes;
    this.writer = writer;
  }

  void add(Buffer reply) {
    // a reply is written only once those ahead of it are, so a random latency never reorders them
    long due = System.nanoTime() + delayNanos + (latency == null ? 0 : latency.getAsLong());
    queue.add(new Pending(due, reply));
    pendingBytes += reply.length() + extraBytes;
    if (timer < 0) {
      schedule();
    }
  }

  /** Bytes waiting for their time; part of what backpressure bounds. */
  long pendingBytes() {
    return pendingBytes;
  }

  /** Runs the action once every held reply has been written (at once when none is held), after any earlier one. */
  void whenEmpty(Runnable action) {
    if (queue.isEmpty()) {
      action.run();
    } else {
      Runnable earlier = whenEmpty;
      whenEmpty = earlier == null ? action : () -> {
        earlier.run();
        action.run();
      };
    }
  }

  /** Forgets every held reply and answers how many there were. */
  int drop() {
    int dropped = queue.size();
    queue.clear();
    pendingBytes = 0;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    whenEmpty = null;
    return dropped;
  }

  private void schedule() {
    long waitMs = Math.max(1, (queue.peek().dueNanos() - System.nanoTime() + 999_999) / 1_000_000);
    timer = vertx.setTimer(waitMs, id -> writeDue());
  }

  private void writeDue() {
    timer = -1;
    long now = System.nanoTime();
    while (!queue.isEmpty() && queue.peek().dueNanos() <= now) {
      Pending next = queue.poll();
      pendingBytes -= next.reply().length() + extraBytes;
      writer.accept(next.reply());
    }
    if (!queue.isEmpty()) {
      schedule();
    } else if (whenEmpty != null) {
      Runnable action = whenEmpty;
      whenEmpty = null;
      action.run();
    }
  }
}
