package io.netecho.faults;

/**
 * Where the faults dealt to connections are counted ({@code /stats}, {@code /metrics}), by the port
 * that dealt them ({@link #TCP}: the echo ports; {@link #HTTP}: the HTTP port, its requests and
 * WebSockets) and the fault's name ({@link Fault#key()}, or a fault only HTTP has: {@code rst},
 * {@code goaway}, {@code wsDelay}, {@code wsClose}, {@code wsDrop}); thread-safe.
 */
public interface FaultCounter {

  String TCP = "tcp";
  String HTTP = "http";

  FaultCounter NONE = (port, kind) -> { };

  /** A connection, request or WebSocket on {@code port} was dealt the fault {@code kind}. */
  void dealt(String port, String kind);
}
