package io.netecho.events;

import io.vertx.core.net.SocketAddress;

/** How a client is named in logs, events and statistics: {@code ip:port}, IPv6 in brackets. */
public final class Peer {

  private Peer() {
  }

  public static String of(SocketAddress address) {
    if (address == null) {
      // io_uring may accept a connection the client has already reset: its address is gone
      return "unknown peer";
    }
    String host = address.hostAddress() != null ? address.hostAddress() : address.host();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.port();
  }
}
