package io.netecho.bench;

import io.netecho.bench.Servers.Launch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.netecho.bench.Server.NET_ECHO;
import static io.netecho.bench.Server.NET_ECHO_17;
import static io.netecho.bench.Server.NET_ECHO_LOG;
import static io.netecho.bench.Server.NODE;
import static io.netecho.bench.Server.NODE_LOG;
import static io.netecho.bench.Server.PLAIN_VERTX;
import static io.netecho.bench.Server.RAW_NETTY;

/**
 * One benchmark scenario: which servers it compares, what each is started with, and how one run
 * against a fresh server is measured. A scenario may have companions: further results of the same
 * runs (RSS at rest, read before the idle connections open), reported as rows of their own.
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
  final List<Scenario> companions = new ArrayList<>();
  private final Servers.Setup setup;

  Scenario(String id, String title, String unit, String cpuUnit, boolean higherIsBetter, List<Server> servers,
           Servers.Setup setup) {
    this.id = id;
    this.title = title;
    this.unit = unit;
    this.cpuUnit = cpuUnit;
    this.higherIsBetter = higherIsBetter;
    this.servers = servers;
    this.setup = setup;
  }

  Servers.Setup setup() {
    return setup;
  }

  /** Declares a further result of this scenario's runs; its samples come in {@link Sample#companions}. */
  final Scenario companion(String companionId, String companionTitle, String companionUnit, boolean higher) {
    Scenario companion = new Scenario(companionId, companionTitle, companionUnit, null, higher, servers, setup) {
      @Override
      Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond) {
        throw new UnsupportedOperationException(companionId + " is measured by " + Scenario.this.id);
      }
    };
    companions.add(companion);
    return companion;
  }

  abstract Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond);

  /** How many rounds this scenario runs. */
  int rounds(Timing timing) {
    return timing.rounds();
  }

  /** One run: a fresh server of {@code kind}, measured, then stopped. */
  Sample measure(Bench.Context ctx, Server kind, String name) throws IOException {
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

  /**
   * Every scenario of the bench, in report order, each with the servers it compares: all six where
   * logging matters (64 B request/response, churn), the Java servers where bytes do; net-echo on
   * Java 17 beside net-echo on the bench's Java 25 wherever net-echo without logging runs.
   */
  static List<Scenario> all() {
    List<Server> all = List.of(RAW_NETTY, PLAIN_VERTX, NET_ECHO, NET_ECHO_LOG, NET_ECHO_17, NODE_LOG, NODE);
    List<Server> bytes = List.of(RAW_NETTY, PLAIN_VERTX, NET_ECHO, NET_ECHO_17);
    List<Server> memory = List.of(RAW_NETTY, PLAIN_VERTX, NET_ECHO, NET_ECHO_LOG, NET_ECHO_17, NODE_LOG);
    Servers.Setup echo = Servers.Setup.of(PREFIX);
    return List.of(
      new Rate("rr64", "request/response 64 B", "msg/s", "µs/msg", all, echo, 1,
        client -> new RequestResponse(client, 50, 64, PREFIX)),
      new Rate("churn", "connection churn (connect, one 64 B echo, close)", "conn/s", "µs/conn", all, echo, 1,
        client -> new Churn(client, 16, PREFIX)),
      new Rate("rr16k", "request/response 16 KiB", "msg/s", "µs/msg", bytes, echo, 1,
        client -> new RequestResponse(client, 50, 16 * 1024, PREFIX)),
      new Rate("stream", "stream, 64 KiB in flight ×10 connections", "MB/s", "µs/MB", bytes, Servers.Setup.of(""), 1e6,
        client -> new Stream(client, 10, 64 * 1024, 16 * 1024)),
      new Idle(memory),
      new Slow(bytes),
      new ColdStart("first", Launch.JAR, "`java -jar target/net-echo.jar`", List.of(PLAIN_VERTX, NET_ECHO_LOG, NODE_LOG)),
      new ColdStart("first-run", Launch.RUN, "`scripts/run`", List.of(NET_ECHO_LOG)));
  }

  /** Throughput under a closed-loop load: warm-up, then a measured window. */
  static final class Rate extends Scenario {

    private final double unitsPerValue;
    private final Function<LoadClient, Load> loads;

    Rate(String id, String title, String unit, String cpuUnit, List<Server> servers, Servers.Setup setup,
         double unitsPerValue, Function<LoadClient, Load> loads) {
      super(id, title, unit, cpuUnit, true, servers, setup);
      this.unitsPerValue = unitsPerValue;
      this.loads = loads;
    }

    /** A fresh load of this scenario. */
    Load load(LoadClient client) {
      return loads.apply(client);
    }

    /** How many completed units (bytes for the stream) make one of {@link #unit}. */
    double unitsPerValue() {
      return unitsPerValue;
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

  /**
   * Server RSS per idle connection: RSS with the connections open minus RSS before, per connection.
   * Its companion {@code rest} is the RSS of the freshly started server before anyone connected.
   */
  static final class Idle extends Scenario {

    /** How long a started server is left alone before its RSS at rest is read. */
    static final long REST_MS = 2000;

    Idle(List<Server> servers) {
      super("idle", "RSS per idle connection (10 000 connections)", "B/conn", null, false, servers,
        Servers.Setup.of(PREFIX));
      companion("rest", "RSS at rest (started, no connection yet)", "MiB", false);
    }

    @Override
    Sample measure(Bench.Context ctx, Server kind, String name) throws IOException {
      ServerProcess server = ctx.servers().startAnnounced(kind, name, setup());
      try {
        ServerProcess.sleep(REST_MS);
        long rest = server.rssBytes();
        Sample idle = run(ctx.client(), server, ctx.timing(), ctx.clockTicks());
        return idle.with("rest", Sample.of(rest / MIB, 0, String.format("%.0f s after `listening`", REST_MS / 1000.0)));
      } finally {
        ctx.servers().stop(server);
      }
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

    Slow(List<Server> servers) {
      super("slow", "RSS growth, a slow reader writing 256 MiB", "MiB", null, false, servers, Servers.Setup.of(PREFIX));
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

  /**
   * A cold start as a user meets it: a fresh process, and the first client's reply timed from the
   * moment {@code listening on port} is printed (the line a user waits for before typing). Its
   * companion is the time from process start to that line. Each fresh start is a "round".
   */
  static final class ColdStart extends Scenario {

    ColdStart(String id, Launch launch, String how, List<Server> servers) {
      super(id, "first reply after `listening`, " + how, "ms", null, false, servers,
        new Servers.Setup(PREFIX, launch, List.of()));
      companion(id.replace("first", "listen"), "start to `listening`, " + how, "s", false);
    }

    @Override
    int rounds(Timing timing) {
      return timing.firstReplies();
    }

    @Override
    Sample measure(Bench.Context ctx, Server kind, String name) throws IOException {
      CpuLoad.Reading machineBefore = CpuLoad.read();
      ServerProcess server = ctx.servers().startAnnounced(kind, name, setup());
      try {
        long listening = server.awaitListening(Duration.ofSeconds(1));
        long replied = FirstReply.exchange(server.address(), PREFIX, Duration.ofSeconds(10));
        // what else ran meanwhile, so that a start disturbed by another process is measured again
        long serverTicks = server.cpuTicks();
        double startSeconds = (listening - server.startedNanos()) / 1e9;
        double foreign = CpuLoad.foreign(machineBefore, CpuLoad.read(), serverTicks,
          (replied - server.startedNanos()) / 1e9, ctx.clockTicks());
        Sample listen = new Sample(startSeconds, Double.NaN, Double.NaN, Double.NaN, 0, foreign, "");
        return new Sample((replied - listening) / 1e6, Double.NaN, Double.NaN, Double.NaN, 0, foreign,
          String.format("listening after %.2f s", startSeconds)).with(companions.get(0).id, listen);
      } finally {
        ctx.servers().stop(server);
      }
    }

    @Override
    Sample run(LoadClient client, ServerProcess server, Timing timing, long clockTicksPerSecond) {
      throw new UnsupportedOperationException();
    }
  }
}
