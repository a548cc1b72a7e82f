package io.netecho.events;

/**
 * The per-chunk counts of one event loop (bytes in, replies and bytes out), taken once by each echo
 * instance so that counting a chunk is two plain additions: no lookup, no fan-out. Only the owning
 * event loop calls it.
 */
public interface TrafficCounter {

  TrafficCounter NONE = new TrafficCounter() {
    @Override
    public void received(int bytes) {
    }

    @Override
    public void replied(int bytes) {
    }
  };

  /** A chunk of {@code bytes} arrived (Node's {@code 'data'}). */
  void received(int bytes);

  /** A reply of {@code bytes} was handed to the socket. */
  void replied(int bytes);
}
