package io.netecho.faults;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The faults one connection was dealt when it connected, and what they do to it. A connection that
 * was dealt none has no {@code Faults} at all and runs the plain echo. Everything written to the
 * client passes {@link #reply} or {@link #send} in order: a {@code timeout} that has fired drops it
 * (the client is read, never answered); a close or reset after N bytes lets exactly N bytes through
 * and then ends the connection, whatever the client does meanwhile; bandwidth and slicer hold what is
 * let through in a {@link TimedQueue}. Our FIN goes through {@link #end}, which {@code slowClose}
 * holds back. Latency is not applied here but where replies wait for their time ({@link #latency}),
 * so it adds to {@code reply.delayMs} and keeps the order. The same faults serve the echo's sockets
 * and HTTP connections: they write to a {@link Wire}. Must be used on the connection's event loop.
 */
public final class Faults {

  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

  private final Vertx vertx;
  private final Wire wire;
  private final String peer;
  private final FaultProfile dealt;
  /** Null without bandwidth and slicer: what is let through goes straight to the wire. */
  private final TimedQueue pacer;
  /** Bytes the client may still get before the cutoff; -1 without a byte limit. */
  private long budget = -1;
  /** Which cutoff the byte limit triggers: the closer one of close and reset. */
  private Fault budgetFault;
  private boolean answering = true;
  /** Our end is under way: a FIN (held, perhaps), a cutoff, or the connection is gone. */
  private boolean ending;
  /** The last bytes before a byte cutoff are on their way; the cutoff, not a FIN, ends the connection. */
  private boolean cutoffPending;
  private long closeTimer = -1;
  private long resetTimer = -1;
  private long timeoutTimer = -1;
  private long finTimer = -1;

  Faults(Vertx vertx, Wire wire, String peer, FaultProfile dealt, Runnable progressed) {
    this.vertx = vertx;
    this.wire = wire;
    this.peer = peer;
    this.dealt = dealt;
    this.pacer = dealt.bandwidth().on() || dealt.slicer().on()
      ? TimedQueue.pacing(vertx, dealt.slicer().sliceBytes(), dealt.slicer().sliceDelayMs(),
        dealt.bandwidth().bytesPerSecond(), wire::write, wire::writeQueueFull, progressed)
      : null;
    limitBytes(Fault.CLOSE, dealt.close().afterBytes());
    limitBytes(Fault.RESET, dealt.reset().afterBytes());
    if (dealt.close().afterMs() > 0) {
      closeTimer = vertx.setTimer(dealt.close().afterMs(), id -> cutoff(Fault.CLOSE, "after " + dealt.close().afterMs() + " ms"));
    }
    if (dealt.reset().afterMs() > 0) {
      resetTimer = vertx.setTimer(dealt.reset().afterMs(), id -> cutoff(Fault.RESET, "after " + dealt.reset().afterMs() + " ms"));
    }
    if (dealt.timeout().on()) {
      timeoutTimer = vertx.setTimer(dealt.timeout().ms(), id -> stopAnswering());
    }
  }

  /**
   * The latency fault's extra wait for the next reply, in nanoseconds: {@code ms} plus a uniform
   * draw in ±{@code jitterMs}, never below 0. Null when the connection was not dealt latency.
   */
  public LongSupplier latency() {
    if (!dealt.latency().on()) {
      return null;
    }
    long base = dealt.latency().ms() * 1_000_000L;
    long jitter = dealt.latency().jitterMs() * 1_000_000L;
    return () -> Math.max(0, base + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1)));
  }

  /**
   * Writes a reply (prefix + chunk, a buffer the faults now own) through the faults. Answers how many
   * bytes were let through: 0 once the connection no longer answers, fewer than the reply at a byte cutoff.
   */
  public int reply(Buffer reply) {
    if (!answering) {
      return 0;
    }
    int length = reply.length();
    if (budget >= 0 && length >= budget) {
      return lastBytes(reply);
    }
    spend(length);
    write(reply);
    return length;
  }

  /** A broadcast message, through the same faults as the replies and in order with them. */
  public Future<Void> send(Buffer message) {
    if (!answering) {
      return Future.failedFuture("connection " + peer + " is not answering (fault)");
    }
    if (pacer == null && (budget < 0 || message.length() < budget)) {
      spend(message.length());
      return wire.write(message);
    }
    reply(message);
    return Future.succeededFuture();
  }

  /** Bytes held by bandwidth or slicer; part of what backpressure bounds. */
  public long pendingBytes() {
    return pacer == null ? 0 : pacer.pendingBytes();
  }

  /**
   * Our FIN, as Node's {@code socket.end()}: what bandwidth or slicer still hold goes out first,
   * then {@code slowClose} holds the FIN back. Nothing more is written meanwhile. A byte cutoff on
   * its way ends the connection itself.
   */
  public void end() {
    if (ending || cutoffPending) {
      return;
    }
    ending = true;
    answering = false;
    whenSent(() -> holdFin(wire::end));
  }

  /** The connection is gone: no timer of it may fire. */
  public void closed() {
    answering = false;
    ending = true;
    for (long timer : new long[] {closeTimer, resetTimer, timeoutTimer, finTimer}) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    if (pacer != null) {
      pacer.drop();
    }
  }

  private void limitBytes(Fault fault, int afterBytes) {
    if (afterBytes > 0 && (budget < 0 || afterBytes < budget)) {
      budget = afterBytes;
      budgetFault = fault;
    }
  }

  private void spend(int length) {
    if (budget > 0) {
      budget -= length;
    }
  }

  /** The bytes up to the cutoff go out, nothing after them; then the cutoff. */
  private int lastBytes(Buffer data) {
    int allowed = (int) budget;
    budget = 0;
    answering = false;
    cutoffPending = true;
    write(data.slice(0, allowed));
    String why = "after " + (budgetFault == Fault.CLOSE ? dealt.close().afterBytes() : dealt.reset().afterBytes()) + " bytes";
    whenSent(() -> cutoff(budgetFault, why));
    return allowed;
  }

  /**
   * Close or reset. After N bytes, everything up to the N-th has been written; after N ms, what
   * bandwidth or slicer still hold is dropped: the client sees the cutoff at that moment.
   */
  private void cutoff(Fault fault, String why) {
    if (ending && fault == Fault.CLOSE) {
      return;
    }
    ending = true;
    answering = false;
    if (pacer != null) {
      pacer.drop();
    }
    if (fault == Fault.RESET) {
      LOG.info("reset fault: RST to {} {}", peer, why);
      wire.reset();
    } else {
      LOG.info("close fault: FIN to {} {}", peer, why);
      holdFin(wire::end);
    }
  }

  /** toxiproxy's timeout: from now on the client is read and nothing is written to it; it stays open. */
  private void stopAnswering() {
    timeoutTimer = -1;
    if (answering) {
      answering = false;
      if (pacer != null) {
        pacer.drop();
      }
      LOG.info("timeout fault: no more replies to {} after {} ms", peer, dealt.timeout().ms());
    }
  }

  private void holdFin(Runnable fin) {
    if (dealt.slowClose().on() && finTimer < 0) {
      finTimer = vertx.setTimer(dealt.slowClose().ms(), id -> fin.run());
    } else if (finTimer < 0) {
      fin.run();
    }
  }

  private void whenSent(Runnable action) {
    if (pacer == null) {
      action.run();
    } else {
      pacer.whenEmpty(action);
    }
  }

  private void write(Buffer data) {
    if (pacer == null) {
      wire.write(data);
    } else {
      pacer.add(data);
    }
  }
}
