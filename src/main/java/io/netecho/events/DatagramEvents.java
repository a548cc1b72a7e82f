package io.netecho.events;

import io.netecho.events.DropReason;

/**
 * What the UDP echo reports about its datagrams, for statistics and metrics: the datagram side of
 * {@link ConnectionEvents}. Every call is made on the UDP socket's event loop.
 */
public interface DatagramEvents {

  /** A datagram of {@code bytes} arrived (Node's dgram {@code 'message'}), whether answered or ignored. */
  default void received(int bytes) {
  }

  /** A datagram was dropped unanswered, for {@code reason}. */
  default void ignored(DropReason reason) {
  }

  /** A reply of {@code bytes} was sent. */
  default void replied(int bytes) {
  }
}
