package io.netecho.admin;

import io.netecho.limit.ConnectionLimit;
import io.netecho.log.RateLimitedLog;
import io.vertx.core.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * At most so many admin connections at once; one over it is closed at once, counted as
 * {@code maxConnections} counts the echo's ({@link ConnectionLimit}). With the idle timeout it keeps
 * a slow or stalled client (slowloris) from holding the file descriptors the echo port needs.
 */
final class ConnectionCap {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);
  /** A client that keeps hitting the cap gets one log line per this many milliseconds, not one per connection. */
  private static final long WARN_EVERY_MS = 10_000;

  private final ConnectionLimit limit;
  private final RateLimitedLog refusals;

  ConnectionCap(int max) {
    this.limit = ConnectionLimit.of(max);
    this.refusals = RateLimitedLog.counting(LOG, Level.WARN, WARN_EVERY_MS,
      "admin: {} connections open, the most allowed; closed {} new connection(s)", new Refused(max));
  }

  /** Counts {@code connection} until it closes, or closes it at once when the most allowed are open. */
  boolean admit(HttpConnection connection) {
    if (!limit.tryAcquire()) {
      connection.close();
      refusals.log(limit.max());
      return false;
    }
    connection.closeHandler(closed -> limit.release());
    return true;
  }

  /** The connections a refusal line tells of: how many were closed since the last line. */
  private static final class Refused implements RateLimitedLog.Tally {

    private final int max;
    private int refused;

    Refused(int max) {
      this.max = max;
    }

    @Override
    public void add(Object[] args) {
      refused++;
    }

    @Override
    public Object[] take() {
      if (refused == 0) {
        return null;
      }
      Object[] args = {max, refused};
      refused = 0;
      return args;
    }
  }
}
