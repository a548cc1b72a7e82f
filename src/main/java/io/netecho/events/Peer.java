package io.netecho.events;

import io.vertx.core.net.SocketAddress;

/** How a client is named in logs, events and statistics: {@code ip:port}, IPv6 in brackets. */
public final class Peer {

  private Peer() {
  }

  public static String of(SocketAddress address) {
    // io_uring may accept a connection the client has already reset: its address is gone
    return of(address, "unknown peer");
  }

  /** {@code ip:port}, or {@code unknown} when the address is gone. */
  public static String of(SocketAddress address, String unknown) {
    if (address == null) {
      return unknown;
    }
    String host = address.hostAddress() != null ? address.hostAddress() : address.host();
    return host(host) + ":" + address.port();
  }

  /** A host as it stands before {@code :port} (in a log line, a URL): an IPv6 address in brackets. */
  public static String host(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
