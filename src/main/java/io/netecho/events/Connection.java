package io.netecho.events;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** A live client connection, as {@link ConnectionEvents} listeners see it. */
public interface Connection {

  /** The client's address, {@code ip:port}. */
  String peer();

  /** The event-loop thread serving it, which names the instance. */
  String instance();

  long bytesIn();

  long bytesOut();

  /**
   * Writes a server-originated message (a broadcast) to the client, in order with the echo
   * replies; fails when the connection can no longer write.
   */
  Future<Void> send(Buffer message);

  /**
   * True while the bytes held for the client reach {@code writeQueueMaxBytes}: a broadcast then
   * skips it rather than queue more. Called on the connection's event loop.
   */
  boolean writeQueueFull();

  /** Bytes written to the client and not yet handed to the kernel; callable on any thread. */
  long queuedBytes();
}
