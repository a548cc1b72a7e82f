package io.netecho.http;

import io.vertx.core.net.SocketAddress;

/** A client's address as the log lines show it: {@code ip:port}, IPv6 in brackets. */
final class Peer {

  private Peer() {
  }

  static String describe(SocketAddress address) {
    if (address == null) {
      return "unknown peer";
    }
    String host = address.hostAddress() != null ? address.hostAddress() : address.host();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.port();
  }
}
