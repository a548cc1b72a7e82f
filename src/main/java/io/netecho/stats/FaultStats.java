package io.netecho.stats;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netecho.faults.Fault;
import io.netecho.faults.FaultCounter;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How many connections were dealt each fault, one set per node, by port: the echo ports' connections
 * ({@code faultsLatency}, ...), and on the HTTP port its connections, its requests' {@code reset=},
 * {@code truncate=}, {@code hang}, {@code rst} and {@code goaway}, and its WebSockets' faults ({@code httpFaultsLatency}, ..., {@code httpFaultsRst},
 * {@code httpFaultsWsClose}). Written on the event loops, read from any thread.
 */
final class FaultStats implements FaultCounter {

  /** The faults only the HTTP port has: per request (any version, then HTTP/2) and per WebSocket. */
  private static final String[] HTTP_ONLY = {"requestReset", "requestTruncate", "requestHang", "rst", "goaway",
    "wsDelay", "wsClose", "wsDrop"};

  /** Counters by port, then by fault, in a fixed order. */
  private final Map<String, Map<String, AtomicLong>> dealt = new LinkedHashMap<>();

  /** The fields of {@link #toJson}, e.g. {@code faultsSlowClose}, which {@link NodeStats#sum} adds across nodes. */
  static final String[] FIELDS = new FaultStats().dealt.entrySet().stream()
    .flatMap(port -> port.getValue().keySet().stream().map(kind -> field(port.getKey(), kind)))
    .toArray(String[]::new);

  FaultStats() {
    Map<String, AtomicLong> tcp = new LinkedHashMap<>();
    Map<String, AtomicLong> http = new LinkedHashMap<>();
    for (Fault fault : Fault.values()) {
      tcp.put(fault.key(), new AtomicLong());
      http.put(fault.key(), new AtomicLong());
    }
    Stream.of(HTTP_ONLY).forEach(kind -> http.put(kind, new AtomicLong()));
    dealt.put(TCP, tcp);
    dealt.put(HTTP, http);
  }

  @Override
  public void dealt(String port, String kind) {
    Map<String, AtomicLong> byKind = dealt.get(port);
    AtomicLong count = byKind == null ? null : byKind.get(kind);
    if (count != null) {
      count.incrementAndGet();
    }
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    dealt.forEach((port, byKind) -> byKind.forEach((kind, count) -> json.put(field(port, kind), count.get())));
    return json;
  }

  /** {@code netecho_faults_applied_total{fault="latency",port="tcp"}}: one series per port and kind of fault. */
  void bindTo(MeterRegistry registry) {
    dealt.forEach((port, byKind) -> byKind.forEach((kind, count) ->
      FunctionCounter.builder("netecho.faults.applied", count, AtomicLong::get)
        .description("Connections, HTTP/2 requests and WebSockets dealt a fault, by port and kind (faults.*, toxicity)")
        .tag("fault", kind)
        .tag("port", port)
        .register(registry)));
  }

  private static String field(String port, String kind) {
    String name = kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1);
    return TCP.equals(port) ? "faults" + name : port + "Faults" + name;
  }
}
