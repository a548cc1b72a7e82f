package io.netecho.events;

import io.vertx.core.net.SocketAddress;

/**
 * What the echo server reports about its connections, for statistics, metrics and cluster events.
 * Every call is made on the connection's own event loop, so implementations must be thread-safe
 * across instances but may assume calls for one connection are sequential.
 */
public interface ConnectionEvents {

  /**
   * Where the calling event loop counts its chunks; asked once per echo instance, on its own
   * event loop. Per-chunk counting goes there, not through this interface.
   */
  default TrafficCounter traffic() {
    return TrafficCounter.NONE;
  }

  /** A client connected (Node's {@code 'connection'}). */
  default void connected(Connection connection) {
  }

  /** {@code replies} delayed replies were dropped because the client ended first. */
  default void dropped(Connection connection, int replies) {
  }

  /** The client sent FIN (Node's {@code 'end'}). */
  default void ended(Connection connection) {
  }

  /** The connection is gone (Node's {@code 'close'}). */
  default void closed(Connection connection) {
  }

  /** A connection over {@code maxConnections} was closed at once (Node's {@code 'drop'}). */
  default void rejected(SocketAddress remote) {
  }
}
