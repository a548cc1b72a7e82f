package io.netecho;

import io.netecho.log.RateLimitedLog;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code server.maxConnections}, counted across every instance of a deployment (they
 * share one port, so the limit is the server's, not an event loop's).
 */
final class ConnectionLimit {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  // clients can be turned away faster than anyone reads about it
  private final RateLimitedLog rejections = RateLimitedLog.perSecond(LoggerFactory.getLogger(EchoConnection.class),
    Level.WARN, "connection limit {} reached: closing {}");

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

  /** Node's {@code 'drop'}: one line for a connection closed over the limit, at most one a second. */
  void logRejected(String peer) {
    rejections.log(max, peer);
  }
}
