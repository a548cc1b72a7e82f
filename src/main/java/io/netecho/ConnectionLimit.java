package io.netecho;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code server.maxConnections}, counted across every instance of a deployment (they
 * share one port, so the limit is the server's, not an event loop's).
 */
final class ConnectionLimit {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimit(int max) {
    this.max = max;
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
