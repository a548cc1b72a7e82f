package io.netecho;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Where one connection's replies go, chosen once by {@link EchoConnection} when it connects:
 * straight to the socket ({@link DirectReplies}), the rule, or, with a reply delay or faults dealt,
 * through them ({@link HeldReplies}). Everything written to the client passes here, in order.
 */
interface Replies {

  /** What is written is counted where the connection keeps its counts. */
  interface Written {

    /** A reply, or the part of one that a fault let through, was written. */
    void replied(int bytes);

    /** A broadcast message was written. */
    void sent(int bytes);
  }

  /** Node's {@code conn.write(prefix + chunk)}; {@code chunk} is the socket's only until this returns. */
  void reply(Buffer chunk);

  /** A broadcast message, in order with the replies. */
  Future<Void> send(Buffer message);

  /** Node's {@code socket.end()}: our FIN, once what was written before has left. */
  void end();

  /** Runs {@code action} once every reply held back has been written; at once when none is. */
  void whenWritten(Runnable action);

  /** Bytes of replies held back and not yet written; part of what backpressure bounds. */
  long heldBytes();

  /** Forgets the replies still held back and answers how many there were. */
  int dropHeld();

  /** The connection is closed: nothing held may fire any more. */
  void closed();
}
