package io.netecho;

import io.netecho.events.ConnectionEvents;
import io.netecho.events.Peer;
import io.netecho.limit.ConnectionsPerIp;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code server.maxConnections}, and {@code maxConnectionsPerIp}, counted across every
 * instance of a deployment (they share one port, so the limit is the server's, not an event
 * loop's); over either a new connection is closed at once, Node's {@code 'drop'}.
 */
final class ConnectionLimit {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final ConnectionsPerIp perIp;

  ConnectionLimit(int max, ConnectionsPerIp perIp) {
    this.max = max;
    this.perIp = perIp;
  }

  int max() {
    return max;
  }

  /** Takes a slot for the client, or closes it and answers false when the server is full. */
  boolean admit(NetSocket socket, ConnectionEvents events) {
    if (!tryAcquire()) {
      LOG.warn("connection limit {} reached: closing {}", max, Peer.of(socket.remoteAddress()));
    } else if (perIp.max() > 0 && !perIp.tryAcquire(ConnectionsPerIp.hostOf(socket.remoteAddress()))) {
      release();
      LOG.warn("connection limit {} per address reached: closing {}", perIp.max(), Peer.of(socket.remoteAddress()));
    } else {
      return true;
    }
    events.rejected(socket.remoteAddress());
    socket.close();
    return false;
  }

  /** Gives back the slots of a connection from {@code remote} that closed. */
  void release(SocketAddress remote) {
    release();
    if (perIp.max() > 0) {
      perIp.release(ConnectionsPerIp.hostOf(remote));
    }
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
