package io.netecho.admin;

import io.vertx.core.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@link #max} admin connections at once; one over it is closed at once, as
 * {@code maxConnections} does for the echo. With the idle timeout it keeps a slow or stalled client
 * (slowloris) from holding the file descriptors the echo port needs. It counts on the one event loop
 * of the admin server, so it needs no synchronisation.
 */
final class ConnectionCap {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);
  /** A client that keeps hitting the cap gets one log line per this many milliseconds, not one per connection. */
  private static final long WARN_EVERY_MS = 10_000;

  private final int max;
  private int open;
  private int refusedSinceWarned;
  private long warnedAt = -WARN_EVERY_MS;

  ConnectionCap(int max) {
    this.max = max;
  }

  /** Counts {@code connection} until it closes, or closes it at once when {@link #max} are open. */
  boolean admit(HttpConnection connection) {
    if (open >= max) {
      connection.close();
      refused();
      return false;
    }
    open++;
    connection.closeHandler(closed -> open--);
    return true;
  }

  private void refused() {
    refusedSinceWarned++;
    long now = System.nanoTime() / 1_000_000;
    if (now - warnedAt >= WARN_EVERY_MS) {
      LOG.warn("admin: {} connections open, the most allowed; closed {} new connection(s)", max, refusedSinceWarned);
      warnedAt = now;
      refusedSinceWarned = 0;
    }
  }
}
