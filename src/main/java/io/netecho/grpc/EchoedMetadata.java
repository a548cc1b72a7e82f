package io.netecho.grpc;

import io.vertx.core.MultiMap;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request metadata a call sends back, under the same names, in its response headers and again in its
 * trailers: every entry but HTTP/2's pseudo-headers, the names gRPC reserves ({@code grpc-*}), the
 * hop-by-hop headers and the ones that describe the request's own transport ({@code content-type},
 * {@code te}, {@code user-agent}, ...). Binary entries ({@code -bin}) come back with their value as sent.
 */
final class EchoedMetadata {

  private static final Set<String> NOT_ECHOED = Set.of("content-type", "content-length", "te", "host", "user-agent",
    "accept-encoding", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings");

  private EchoedMetadata() {
  }

  /** Whether the entry {@code name} is echoed. */
  static boolean echoed(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !lower.startsWith(":") && !lower.startsWith("grpc-") && !NOT_ECHOED.contains(lower);
  }

  /** Adds to {@code to} every echoed entry of {@code from}, every value in the order received. */
  static void copy(MultiMap from, MultiMap to) {
    for (Map.Entry<String, String> entry : from) {
      if (echoed(entry.getKey())) {
        to.add(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
      }
    }
  }
}
