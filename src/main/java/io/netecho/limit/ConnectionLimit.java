package io.netecho.limit;

import io.netecho.events.ConnectionEvents;
import io.netecho.events.Peer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.netecho.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.event.Level;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code server.maxConnections}, and {@code maxConnectionsPerIp}, counted across every
 * instance of a deployment (they share one port, so the limit is the server's, not an event
 * loop's); over either a new connection is closed at once, Node's {@code 'drop'}, with at most one
 * line a second.
 */
public final class ConnectionLimit {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final ConnectionsPerIp perIp;
  // clients can be turned away faster than anyone reads about it
  private final RateLimitedLog overLimit;
  private final RateLimitedLog overLimitPerIp;

  /** {@code log}: where a turned-away connection is told of, the connections' own logger as a rule. */
  public ConnectionLimit(int max, ConnectionsPerIp perIp, Logger log) {
    this.max = max;
    this.perIp = perIp;
    this.overLimit = RateLimitedLog.perSecond(log, Level.WARN, "connection limit {} reached: closing {}");
    this.overLimitPerIp = RateLimitedLog.perSecond(log, Level.WARN, "connection limit {} per address reached: closing {}");
  }

  /** No limit at all, so nothing to log. */
  public static ConnectionLimit none() {
    return of(0);
  }

  /** At most {@code max} connections (0: no limit), none per address, and no line: the caller tells of a refusal its own way. */
  public static ConnectionLimit of(int max) {
    return new ConnectionLimit(max, new ConnectionsPerIp(0), NOPLogger.NOP_LOGGER);
  }

  public int max() {
    return max;
  }

  /** Takes a slot for the client, or closes it and answers false when the server is full. */
  public boolean admit(NetSocket socket, ConnectionEvents events) {
    if (!tryAcquire()) {
      overLimit.log(max, Peer.of(socket.remoteAddress()));
    } else if (perIp.max() > 0 && !perIp.tryAcquire(ConnectionsPerIp.hostOf(socket.remoteAddress()))) {
      release();
      overLimitPerIp.log(perIp.max(), Peer.of(socket.remoteAddress()));
    } else {
      return true;
    }
    events.rejected(socket.remoteAddress());
    socket.close();
    return false;
  }

  /** Gives back the slots of a connection from {@code remote} that closed. */
  public void release(SocketAddress remote) {
    release();
    if (perIp.max() > 0) {
      perIp.release(ConnectionsPerIp.hostOf(remote));
    }
  }

  /** Takes a slot, or answers false when the server is full; 0 means no limit. */
  public boolean tryAcquire() {
    if (max == 0) {
      return true;
    }
    if (open.incrementAndGet() <= max) {
      return true;
    }
    open.decrementAndGet();
    return false;
  }

  public void release() {
    if (max != 0) {
      open.decrementAndGet();
    }
  }
}
