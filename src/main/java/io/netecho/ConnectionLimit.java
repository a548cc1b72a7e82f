package io.netecho;

import io.netecho.events.ConnectionEvents;
import io.netecho.events.Peer;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code server.maxConnections}, counted across every instance of a deployment (they
 * share one port, so the limit is the server's, not an event loop's); over it a new connection
 * is closed at once, Node's {@code 'drop'}.
 */
final class ConnectionLimit {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimit(int max) {
    this.max = max;
  }

  int max() {
    return max;
  }

  /** Takes a slot for the client, or closes it and answers false when the server is full. */
  boolean admit(NetSocket socket, ConnectionEvents events) {
    if (tryAcquire()) {
      return true;
    }
    LOG.warn("connection limit {} reached: closing {}", max, Peer.of(socket.remoteAddress()));
    events.rejected(socket.remoteAddress());
    socket.close();
    return false;
  }

  /** Takes a slot, or answers false when the server is full; 0 means no limit. */
  boolean tryAcquire() {
    if (max == 0) {
      return true;
    }
    if (open.incrementAndGet() <= max) {
      return true;
    }
    open.decrementAndGet();
    return false;
  }

  void release() {
    if (max != 0) {
      open.decrementAndGet();
    }
  }
}
