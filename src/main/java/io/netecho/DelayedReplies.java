package io.netecho;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Replies held back {@code reply.delayMs} each (latency injection), written in arrival order by
 * one timer at a time; with no delay a reply is written at once.
 */
final class DelayedReplies {

  private record Pending(long dueNanos, Buffer reply) {
  }

  private final Vertx vertx;
  private final long delayNanos;
  private final Consumer<Buffer> writer;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long pendingBytes;
  private long timer = -1;
  private Runnable whenEmpty;

  DelayedReplies(Vertx vertx, int delayMs, Consumer<Buffer> writer) {
    this.vertx = vertx;
    this.delayNanos = delayMs * 1_000_000L;
    this.writer = writer;
  }

  void add(Buffer reply) {
    if (delayNanos == 0) {
      writer.accept(reply);
      return;
    }
    queue.add(new Pending(System.nanoTime() + delayNanos, reply));
    pendingBytes += reply.length();
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
      pendingBytes -= next.reply().length();
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
