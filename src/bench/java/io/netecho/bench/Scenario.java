package io.netecho.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One benchmark scenario: what every server is started with, and how one run against a fresh
 * server is measured.
 */
abstract class Scenario {

  static final String PREFIX = "Repeating: ";
  static final double MIB = 1024.0 * 1024.0;

  final String id;
  final String title;
  final String unit;
  final String cpuUnit;
  final boolean higherIsBetter;
  final List<Server> servers;
  private final String prefix;
  private final boolean logData;

  Scenario(String id, String title, String unit, String cpuUnit, boolean higherIsBetter, String prefix, boolean logData) {
    this.id = id;
    this.title = title;
    this.unit = unit;
    this.cpuUnit = cpuUnit;
    this.higherIsBetter = higherIsBetter;
    this.servers = List.of(Server.NET_ECHO, Server.RAW_NETTY, Server.NODE);
    this.prefix = prefix;
    this.logData = logData;
  }

  Servers.Setup setup() {
    return Servers.Setup.of(prefix, logData);
  }

  abstract Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond);

  /** How many rounds this scenario runs. */
  int rounds(Timing timing) {
    return timing.rounds();
  }

  /** One run: a fresh server of {@code kind}, measured, then stopped. */
  Sample measure(Bench.Context ctx, Server kind, String name) throws java.io.IOException {
    ServerProcess server = ctx.servers().start(kind, name, setup());
    try {
      return run(ctx.client(), server, ctx.timing(), ctx.clockTicks());
    } finally {
      ctx.servers().stop(server);
    }
  }

  /** Before a memory baseline: 200 connections, one echo each, closed; then half a second to settle. */
  static void warmUp(LoadClient client, ServerProcess server) {
    IdleConnections warm = new IdleConnections(client, 200, 50, PREFIX);
    warm.open(server.address(), Duration.ofSeconds(20));
    warm.close();
    ServerProcess.sleep(500);
  }

  /** Every scenario of the bench, in report order. */
  static List<Scenario> all() {
    return List.of(
      new Rate("rr64", "request/response 64 B", "msg/s", "µs/msg", PREFIX, false, 1,
        client -> new RequestResponse(client, 50, 64, PREFIX)),
      new Rate("rr64log", "request/response 64 B, log.data=true (Node logging on)", "msg/s", "µs/msg", PREFIX, true, 1,
        client -> new RequestResponse(client, 50, 64, PREFIX)),
      new Rate("rr16k", "request/response 16 KiB", "msg/s", "µs/msg", PREFIX, false, 1,
        client -> new RequestResponse(client, 50, 16 * 1024, PREFIX)),
      new Rate("stream", "stream 64 KiB in flight ×10 connections", "MB/s", "µs/MB", "", false, 1e6,
        client -> new Stream(client, 10, 64 * 1024, 16 * 1024)),
      new Rate("churn", "churn (connect, one 64 B echo, close)", "conn/s", "µs/conn", PREFIX, false, 1,
        client -> new Churn(client, 16, PREFIX)),
      new Idle(),
      new Slow(),
      new Startup(true),
      new Startup(false));
  }

  /** Throughput under a closed-loop load: warm-up, then a measured window. */
  static final class Rate extends Scenario {

    private final double unitsPerValue;
    private final Function<LoadClient, Load> loads;

    Rate(String id, String title, String unit, String cpuUnit, String prefix, boolean logData, double unitsPerValue,
         Function<LoadClient, Load> loads) {
      super(id, title, unit, cpuUnit, true, prefix, logData);
      this.unitsPerValue = unitsPerValue;
      this.loads = loads;
    }

    @Override
    Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond) {
      Load load = loads.apply(client);
      client.run(() -> load.start(server.address()));
      try {
        ServerProcess.sleep(timing.warmupMs());
        CpuLoad.Reading machineBefore = CpuLoad.read();
        long cpuBefore = server.cpuTicks();
        Load.Snapshot from = client.call(() -> load.snapshot(true));
        ServerProcess.sleep(timing.measureMs());
        Load.Snapshot to = client.call(() -> load.snapshot(false));
        long cpuAfter = server.cpuTicks();
        CpuLoad.Reading machineAfter = CpuLoad.read();
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double units = (to.completed() - from.completed()) / unitsPerValue;
        double cpuMicros = (cpuAfter - cpuBefore) * 1e6 / clockTicksPerSecond;
        boolean latency = load.hasLatency() && to.latency().getTotalCount() > 0;
        double foreign = CpuLoad.foreign(machineBefore, machineAfter, cpuAfter - cpuBefore, seconds, clockTicksPerSecond);
        return new Sample(units / seconds,
          latency ? to.latency().getValueAtPercentile(50) / 1000.0 : Double.NaN,
          latency ? to.latency().getValueAtPercentile(99) / 1000.0 : Double.NaN,
          units > 0 ? cpuMicros / units : Double.NaN,
          to.errors(),
          foreign,
          String.format("server CPU %.0f%%, other load %.0f%%", 100.0 * cpuMicros / 1e6 / seconds, 100 * foreign));
      } finally {
        load.stop();
      }
    }
  }

  /** Server RSS per idle connection: RSS with the connections open minus RSS before, per connection. */
  static final class Idle extends Scenario {

    Idle() {
      super("idle", "10 000 idle connections: server RSS per connection", "B/conn", null, false, PREFIX, false);
    }

    @Override
    Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond) {
      warmUp(client, server);
      long before = server.rssBytes();
      IdleConnections idle = new IdleConnections(client, timing.idleConnections(), 100, PREFIX);
      try {
        int open = idle.open(server.address(), Duration.ofSeconds(60));
        ServerProcess.sleep(1000);
        long after = server.rssBytes();
        String note = String.format("%d connections; RSS %.1f → %.1f MiB", open, before / MIB, after / MIB);
        return Sample.of(open == 0 ? Double.NaN : (after - before) / (double) open, timing.idleConnections() - open, note);
      } finally {
        idle.close();
      }
    }
  }

  /** Server RSS growth (peak minus before) while one client writes without ever reading. */
  static final class Slow extends Scenario {

    Slow() {
      super("slow", "slow reader writing 256 MiB: server RSS growth", "MiB", null, false, PREFIX, false);
    }

    @Override
    Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond) {
      warmUp(client, server);
      long before = server.rssBytes();
      long peak = before;
      SlowReader reader = new SlowReader(client, timing.slowReaderBytes(), 64 * 1024);
      client.run(() -> reader.start(server.address()));
      long now = System.nanoTime();
      long deadline = now + Duration.ofSeconds(45).toNanos();
      long lastProgress = now;
      long lastWritten = -1;
      long allWrittenAt = 0;
      String end = "time limit";
      try {
        while (true) {
          ServerProcess.sleep(100);
          now = System.nanoTime();
          if (!server.alive()) {
            end = "the server died";
            break;
          }
          peak = Math.max(peak, server.rssBytes());
          long written = reader.written();
          if (written != lastWritten) {
            lastWritten = written;
            lastProgress = now;
          }
          if (written >= reader.total()) {
            allWrittenAt = allWrittenAt == 0 ? now : allWrittenAt;
            if (now - allWrittenAt > Duration.ofMillis(timing.stallMs()).toNanos() && now - lastProgress > 0) {
              end = "all written";
              break;
            }
          } else if (now - lastProgress > Duration.ofMillis(timing.stallMs()).toNanos()) {
            end = "stalled: the server stopped reading";
            break;
          }
          if (now > deadline) {
            break;
          }
        }
      } finally {
        reader.stop();
      }
      String note = String.format("client wrote %.1f MiB, %s; RSS %.1f → peak %.1f MiB",
        lastWritten / MIB, end, before / MIB, peak / MIB);
      return Sample.of((peak - before) / MIB, reader.errors, note);
    }
  }

  /** Seconds from process start to the {@code listening on port} line; each attempt is a "round". */
  static final class Startup extends Scenario {

    private final boolean pinned;

    Startup(boolean pinned) {
      super(pinned ? "startup" : "startup2", pinned ? "start to `listening` (pinned to 1 CPU)" : "start to `listening` (both CPUs)",
        "s", null, false, PREFIX, false);
      this.pinned = pinned;
    }

    @Override
    int rounds(Timing timing) {
      return timing.startups();
    }

    @Override
    Sample measure(Bench.Context ctx, Server kind, String name) throws java.io.IOException {
      return Sample.of(ctx.servers().secondsToListening(kind, pinned), 0, "");
    }

    @Override
    Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond) {
      throw new UnsupportedOperationException();
    }
  }
}
