package io.netecho;

import io.netecho.faults.Faults;
import io.netecho.faults.TimedQueue;
import io.netecho.net.NodeSocket;
import io.netecho.net.ReplyPrefix;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.function.LongSupplier;

/**
 * Replies through what the connection was configured or dealt when it connected: {@code reply.delayMs}
 * and the latency fault hold each reply for its time, in arrival order; the other faults decide what
 * of it reaches the client, and how. Broadcasts skip the delay but not the faults.
 */
final class HeldReplies implements Replies {

  private final NodeSocket socket;
  private final ReplyPrefix prefix;
  private final Written written;
  /** Null without a delay or latency: a reply goes on at once. */
  private final TimedQueue delayed;
  /** Null when none were dealt. */
  private final Faults faults;

  HeldReplies(Vertx vertx, NodeSocket socket, ReplyPrefix prefix, int delayMs, Faults faults, Written written,
              Runnable progressed) {
    this.socket = socket;
    this.prefix = prefix;
    this.written = written;
    this.faults = faults;
    LongSupplier latency = faults == null ? null : faults.latency();
    long delayNanos = delayMs * 1_000_000L;
    LongSupplier wait = latency == null ? () -> delayNanos : () -> delayNanos + latency.getAsLong();
    this.delayed = delayMs == 0 && latency == null ? null : TimedQueue.delaying(vertx, wait, this::write, progressed);
  }

  @Override
  public void reply(Buffer chunk) {
    // a buffer of its own: the chunk's bytes are the socket's only until the data handler returns
    Buffer reply = prefix.before(chunk);
    if (delayed == null) {
      write(reply);
    } else {
      delayed.add(reply);
    }
  }

  @Override
  public Future<Void> send(Buffer message) {
    written.sent(message.length());
    return faults == null ? socket.write(message) : faults.send(message);
  }

  @Override
  public void end() {
    if (faults == null) {
      socket.end();
    } else {
      faults.end();
    }
  }

  @Override
  public void whenWritten(Runnable action) {
    if (delayed == null) {
      action.run();
    } else {
      delayed.whenEmpty(action);
    }
  }

  @Override
  public long heldBytes() {
    return (delayed == null ? 0 : delayed.pendingBytes()) + (faults == null ? 0 : faults.pendingBytes());
  }

  @Override
  public int dropHeld() {
    return delayed == null ? 0 : delayed.drop();
  }

  @Override
  public void closed() {
    if (faults != null) {
      faults.closed();
    }
  }

  /** Counts what the faults let through: nothing once they stopped answering, part of a reply at a cutoff. */
  private void write(Buffer reply) {
    if (faults == null) {
      written.replied(reply.length());
      socket.write(reply);
      return;
    }
    int let = faults.reply(reply);
    if (let > 0) {
      written.replied(let);
    }
  }
}
