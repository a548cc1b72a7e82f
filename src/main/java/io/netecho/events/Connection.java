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
}
