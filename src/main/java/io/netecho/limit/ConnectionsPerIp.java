package io.netecho.limit;

import io.vertx.core.net.SocketAddress;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code maxConnectionsPerIp}: open connections counted per client address, across every instance
 * of a deployment (they share one port, so the limit is the server's). An address is in the map
 * only while it has connections, so the map is never larger than the number of open connections.
 */
public final class ConnectionsPerIp {

  private final int max;
  private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

  /** {@code max} connections per address; 0 means no limit. */
  public ConnectionsPerIp(int max) {
    this.max = max;
  }

  public int max() {
    return max;
  }

  /**
   * Takes a slot for {@code host}, or answers false when that address is at the limit. A null host
   * (an address already gone) is not counted and always admitted.
   */
  public boolean tryAcquire(String host) {
    if (max == 0 || host == null) {
      return true;
    }
    boolean[] admitted = {false};
    open.compute(host, (address, count) -> {
      int now = count == null ? 0 : count;
      if (now >= max) {
        return count;
      }
      admitted[0] = true;
      return now + 1;
    });
    return admitted[0];
  }

  /** Gives back a slot taken by {@link #tryAcquire}; the address is forgotten at 0. */
  public void release(String host) {
    if (max == 0 || host == null) {
      return;
    }
    open.computeIfPresent(host, (address, count) -> count <= 1 ? null : count - 1);
  }

  /** How many addresses have connections (for tests: the map is cleaned up). */
  public int addresses() {
    return open.size();
  }

  /** The address a limit counts: the IP without the port, or null when unknown. */
  public static String hostOf(SocketAddress remote) {
    if (remote == null) {
      return null;
    }
    return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
  }
}
