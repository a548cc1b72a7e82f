package io.netecho.udp;

import io.netecho.events.DropReason;
import io.vertx.core.buffer.Buffer;

/**
 * The datagrams the UDP echo never answers, whatever the rate, because a reply could start or feed
 * a loop: from a port below 1024 (another service's), from our own port (another echo node, or a
 * datagram forged to look like one: two nodes on the same port would answer each other forever),
 * and one that starts with the reply prefix (an echo of our echo: the second hop of a loop with an
 * echo on any other port). A reply is prefix + datagram, so a loop that got past the port rules
 * dies at its second hop; with an empty prefix only the port rules and the rate limits remain.
 */
final class DatagramFilter {

  static final int LOWEST_ANSWERED_PORT = 1024;

  private final Buffer prefix;

  DatagramFilter(Buffer prefix) {
    this.prefix = prefix;
  }

  /** Why a datagram from {@code sourcePort} must not be answered by a socket on {@code ownPort}, or null. */
  DropReason check(int sourcePort, int ownPort, Buffer data) {
    if (sourcePort < LOWEST_ANSWERED_PORT) {
      return DropReason.LOW_PORT;
    }
    if (sourcePort == ownPort) {
      return DropReason.OWN_PORT;
    }
    if (startsWithPrefix(data)) {
      return DropReason.ECHO_OF_ECHO;
    }
    return null;
  }

  private boolean startsWithPrefix(Buffer data) {
    int length = prefix.length();
    if (length == 0 || data.length() < length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (data.getByte(i) != prefix.getByte(i)) {
        return false;
      }
    }
    return true;
  }
}
