package io.netecho.stats;

import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netecho.events.Connection;
import io.netecho.events.ConnectionEvents;
import io.netecho.events.DatagramEvents;
import io.netecho.events.TrafficCounter;
import io.netecho.faults.FaultCounter;
import io.netecho.log.DroppedLogLines;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * This process's statistics: connections counted per echo instance (event loop), and the UDP echo's
 * datagrams ({@link #datagrams}); what {@code GET /stats} shows for one node, and what
 * {@code GET /metrics} exports. Counting is a few atomic increments on the connection's (or the UDP
 * socket's) own event loop; nothing here blocks or talks to the cluster.
 */
public final class NodeStats implements ConnectionEvents {

  /** The fields of an instance's JSON, summed into the node's. */
  private static final String[] CONNECTION_FIELDS = {"activeConnections", "totalConnections",
    "rejectedConnections", "bytesIn", "bytesOut", "replies", "droppedReplies"};
  /** The summed fields of a node's JSON (and of the cluster's total). */
  private static final List<String> FIELDS = Stream.of(CONNECTION_FIELDS, DatagramStats.FIELDS, HttpStats.FIELDS,
      FaultStats.FIELDS, BroadcastStats.FIELDS)
    .flatMap(Arrays::stream).toList();

  private final ConcurrentMap<String, InstanceStats> instances = new ConcurrentHashMap<>();
  private final DatagramStats datagrams = new DatagramStats();
  private final FaultStats faults = new FaultStats();
  private final HttpStats http = new HttpStats(faults);
  private final BroadcastStats broadcasts = new BroadcastStats();

  @Override
  public void connected(Connection connection) {
    InstanceStats stats = of(connection.instance());
    stats.total.incrementAndGet();
    stats.active.incrementAndGet();
  }

  /** The counters of the calling event loop, which names the instance. */
  @Override
  public TrafficCounter traffic() {
    return of(Thread.currentThread().getName());
  }

  @Override
  public void dropped(Connection connection, int replies) {
    of(connection.instance()).droppedReplies.addAndGet(replies);
  }

  @Override
  public void closed(Connection connection) {
    of(connection.instance()).active.decrementAndGet();
  }

  /** Called on the event loop that refused the connection, which names the instance. */
  @Override
  public void rejected(SocketAddress remote) {
    of(Thread.currentThread().getName()).rejected.incrementAndGet();
  }

  /** A broadcast of {@code bytes} was written to the client. */
  public void broadcastSent(Connection connection, int bytes) {
    of(connection.instance()).bytesOut.addAndGet(bytes);
  }

  /** Where broadcasts report the clients they skipped, and the refused ones. */
  public BroadcastStats broadcasts() {
    return broadcasts;
  }

  /** Where the UDP echo reports its datagrams. */
  public DatagramEvents datagrams() {
    return datagrams;
  }

  /** Where the HTTP and WebSocket echo count. */
  public HttpStats http() {
    return http;
  }

  /** Where the faults dealt to new connections are counted. */
  public FaultCounter faults() {
    return faults;
  }

  /**
   * This node as {@code /stats} shows it: the connection counters summed over the instances, the UDP
   * counters, then {@code instances} by event-loop name.
   */
  public JsonObject snapshot(String nodeId) {
    Map<String, InstanceStats> sorted = new TreeMap<>(instances);
    JsonObject byInstance = new JsonObject();
    sorted.forEach((name, stats) -> byInstance.put(name, stats.toJson()));
    JsonObject node = new JsonObject().put("node", nodeId);
    node.mergeIn(sum(sorted.values().stream().map(InstanceStats::toJson).toList(), Arrays.asList(CONNECTION_FIELDS)));
    node.mergeIn(datagrams.toJson());
    node.mergeIn(http.toJson());
    node.mergeIn(faults.toJson());
    node.mergeIn(broadcasts.toJson());
    return node.put("instances", byInstance);
  }

  /** Field-by-field sum of node JSON objects, absent fields counting 0. */
  public static JsonObject sum(Iterable<JsonObject> parts) {
    return sum(parts, FIELDS);
  }

  private static JsonObject sum(Iterable<JsonObject> parts, List<String> fields) {
    JsonObject total = new JsonObject();
    for (String field : fields) {
      long value = 0;
      for (JsonObject part : parts) {
        Number n = part.getNumber(field);
        value += n == null ? 0 : n.longValue();
      }
      total.put(field, value);
    }
    return total;
  }

  /** Registers this node's meters; they read the counters when scraped. */
  public void bindTo(MeterRegistry registry) {
    counter(registry, "netecho.connections", "Connections accepted", null, s -> s.total);
    counter(registry, "netecho.connections.rejected", "Connections over maxConnections, closed at once", null, s -> s.rejected);
    counter(registry, "netecho.received", "Bytes received from clients", BaseUnits.BYTES, s -> s.bytesIn);
    counter(registry, "netecho.sent", "Bytes of replies and broadcasts written to clients", BaseUnits.BYTES, s -> s.bytesOut);
    counter(registry, "netecho.replies", "Echo replies written", null, s -> s.replies);
    counter(registry, "netecho.replies.dropped", "Delayed replies dropped because the client ended first", null,
      s -> s.droppedReplies);
    Gauge.builder("netecho.connections.active", this, self -> self.total(s -> s.active))
      .description("Open client connections")
      .register(registry);
    FunctionCounter.builder("netecho.broadcast.skips", broadcasts.skips, AtomicLong::get)
      .description("Clients skipped by a broadcast because their write queue was full")
      .register(registry);
    FunctionCounter.builder("netecho.broadcasts.refused", broadcasts.refused, AtomicLong::get)
      .description("Broadcasts refused on the event bus: too large or over broadcast.ratePerSecond")
      .register(registry);
    Gauge.builder("netecho.queued", broadcasts, BroadcastStats::queuedBytes)
      .description("Bytes written to clients and not yet sent (held for slow readers)")
      .baseUnit(BaseUnits.BYTES)
      .register(registry);
    udpCounter(registry, "netecho.udp.datagrams", "UDP datagrams received, answered or ignored", null,
      datagrams.datagrams);
    datagrams.ignoredBy.forEach((reason, count) ->
      FunctionCounter.builder("netecho.udp.datagrams.ignored", count, AtomicLong::get)
        .description("UDP datagrams never answered, by reason: a port or prefix that could loop, or over a rate limit")
        .tag("reason", reason.label())
        .register(registry));
    udpCounter(registry, "netecho.udp.replies", "UDP echo replies sent", null, datagrams.replies);
    udpCounter(registry, "netecho.udp.received", "Bytes of UDP datagrams received", BaseUnits.BYTES, datagrams.bytesIn);
    udpCounter(registry, "netecho.udp.sent", "Bytes of UDP replies sent", BaseUnits.BYTES, datagrams.bytesOut);
    http.bindTo(registry);
    faults.bindTo(registry);
    FunctionCounter.builder("netecho.log.lines.dropped", this, self -> DroppedLogLines.total())
      .description("Log lines dropped because the console could not keep up (the event loops never wait for it)")
      .register(registry);
  }

  private static void udpCounter(MeterRegistry registry, String name, String description, String unit, AtomicLong count) {
    FunctionCounter.builder(name, count, AtomicLong::get)
      .description(description)
      .baseUnit(unit)
      .register(registry);
  }

  private void counter(MeterRegistry registry, String name, String description, String unit,
                       Function<InstanceStats, AtomicLong> field) {
    FunctionCounter.builder(name, this, self -> self.total(field))
      .description(description)
      .baseUnit(unit)
      .register(registry);
  }

  private double total(Function<InstanceStats, AtomicLong> field) {
    long sum = 0;
    for (InstanceStats stats : instances.values()) {
      sum += field.apply(stats).get();
    }
    return sum;
  }

  private InstanceStats of(String instance) {
    InstanceStats stats = instances.get(instance);
    return stats != null ? stats : instances.computeIfAbsent(instance, name -> new InstanceStats());
  }
}
