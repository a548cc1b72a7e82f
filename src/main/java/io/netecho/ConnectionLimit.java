package io.netecho;

import io.netecho.limit.ConnectionsPerIp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code server.maxConnections}, counted across every instance of a deployment (they
 * share one port, so the limit is the server's, not an event loop's).
 */
final class ConnectionLimit {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final ConnectionsPerIp perIp;

  ConnectionLimit(int max, ConnectionsPerIp perIp) {
    this.max = max;
    this.perIp = perIp;
  }

  /** {@code maxConnectionsPerIp}, shared the same way. */
  ConnectionsPerIp perIp() {
    return perIp;
  }

  int max() {
    return max;
  }

  /** Takes a slot, or answers false when the server is full; 0 means no limit. */
  boolean tryAcquire() {
    if (open.incrementAndGet() <= max || max == 0) {
      return true;
    }
    open.decrementAndGet();
    return false;
  }

  void release() {
    open.decrementAndGet();
  }
}
