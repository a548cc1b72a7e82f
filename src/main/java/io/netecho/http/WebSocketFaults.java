package io.netecho.http;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

import java.util.List;
import java.util.Map;

/**
 * Faults a WebSocket asks for in the query of its upgrade request: {@code delay=} (each echoed message
 * waits, the HTTP echo's {@code delay=} syntax drawn per message, order kept), {@code closeAfter=N}
 * (a close frame with {@code closeCode=}, default 1000, after the N-th echoed message) and
 * {@code dropAfter=N} (the TCP connection closed without a close frame after the N-th). Read only when
 * the query has one of them; bad values make a {@link BadRequest}, answered 400 on the upgrade.
 *
 * @param delay the {@code delay=} text, drawn again for each message; null for none
 * @param closeAfter messages echoed before the close frame; -1 for none
 * @param dropAfter messages echoed before the connection is dropped; -1 for none
 */
record WebSocketFaults(String delay, int maxDelayMs, int closeAfter, short closeCode, int dropAfter) {

  private static final String[] NAMES = {"delay=", "closeAfter=", "closeCode=", "dropAfter="};

  /** The faults in {@code query}, or null when it asks for none (the plain echo). */
  static WebSocketFaults of(String query, int maxDelayMs) {
    if (query == null || !QueryParams.mentionsOne(query, NAMES)) {
      return null;
    }
    Map<String, List<String>> params = QueryParams.decode(query);
    String delay = QueryParams.last(params, "delay");
    if (delay != null) {
      EchoQuery.delayMs(delay, maxDelayMs);
    }
    int closeAfter = count(params, "closeAfter");
    int dropAfter = count(params, "dropAfter");
    String code = QueryParams.last(params, "closeCode");
    short closeCode = 1000;
    if (code != null) {
      int n = Httpbin.nonNegative("closeCode", code);
      // what an endpoint may send (RFC 6455 7.4): not 1005, 1006, 1015 or unassigned ones below 3000
      if (n > 4999 || !WebSocketCloseStatus.isValidStatusCode(n)) {
        throw new BadRequest("closeCode " + n + " is not a close code a server may send (1000-1003, 1007-1014, 3000-4999)");
      }
      if (closeAfter < 0) {
        throw new BadRequest("closeCode needs closeAfter=N");
      }
      closeCode = (short) n;
    }
    if (closeAfter >= 0 && dropAfter >= 0) {
      throw new BadRequest("ask for closeAfter= or dropAfter=, not both");
    }
    return new WebSocketFaults(delay, maxDelayMs, closeAfter, closeCode, dropAfter);
  }

  /** This message's wait in milliseconds (a new draw each time, as {@code delay=} on a request). */
  long delayMs() {
    return delay == null ? 0 : EchoQuery.delayMs(delay, maxDelayMs);
  }

  /** The number of messages echoed before the WebSocket ends (closed or dropped), -1 when it does not. */
  int endAfter() {
    return closeAfter >= 0 ? closeAfter : dropAfter;
  }

  private static int count(Map<String, List<String>> params, String name) {
    String value = QueryParams.last(params, name);
    return value == null ? -1 : Httpbin.nonNegative(name, value);
  }


}
