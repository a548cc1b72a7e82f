package io.netecho.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark: every scenario against a fresh server of each kind it compares (net-echo, and raw
 * Netty, a plain Vert.x echo and Node as references), over several rounds, the server on one CPU
 * and this load generator on the other; writes the report with {@link Report}. Run by
 * {@code scripts/bench}, which pins this JVM.
 *
 * <p>Options: {@code --quick}, {@code --rounds N}, {@code --only id,id}, {@code --servers id,id},
 * {@code --out FILE}, {@code --profile [scenario]} (JFR of the Java servers under one scenario's
 * load instead of the benchmark; 64 B request/response by default).
 */
public final class Bench {

  /** What a scenario run needs. */
  record Context(LoadClient client, Servers servers, Timing timing, long clockTicks, Set<Server> wanted) {

    /**
     * The servers of {@code scenario} this run measures: those asked for, Node only where installed,
     * net-echo on Java 17 only where the bench runs on a newer Java and a Java 17 is installed.
     */
    List<Server> servers(Scenario scenario) {
      return scenario.servers.stream()
        .filter(wanted::contains)
        .filter(s -> s.program() != Server.Program.NODE || servers.hasNode())
        .filter(s -> !s.java17() || servers.hasJava17())
        .toList();
    }
  }

  /** Other processes' CPU, in CPUs, above which a run is measured again (at most {@link Timing#retries} times). */
  static final double NOISY = 0.15;

  private static final String USAGE = "use --quick, --rounds N, --only id,id, --servers id,id, --out FILE, "
    + "--profile [scenario]";

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    try {
      bench(args);
    } catch (IllegalArgumentException e) {
      // a mistake in the command line: one line, no stack trace
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void bench(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    boolean quick = false;
    String profile = null;
    Integer rounds = null;
    Set<String> only = null;
    Set<Server> wanted = EnumSet.allOf(Server.class);
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--profile" -> profile = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "rr64";
        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
        case "--only" -> only = Set.of(value(args, ++i).split(","));
        case "--servers" -> {
          wanted = EnumSet.noneOf(Server.class);
          for (String id : value(args, ++i).split(",")) {
            wanted.add(Server.byId(id));
          }
        }
        case "--out" -> out = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (" + USAGE + ")");
      }
    }
    Timing timing = quick ? Timing.quick() : Timing.full();
    if (rounds != null) {
      timing = new Timing(timing.name(), rounds, timing.warmupMs(), timing.measureMs(), timing.idleConnections(),
        timing.slowReaderBytes(), timing.stallMs(), timing.firstReplies(), timing.quietWaitMs(), timing.retries(), timing.budgetMs());
    }
    Path root = Path.of("").toAbsolutePath();
    if (out == null) {
      out = quick ? root.resolve("target/bench/benchmarks-quick.md") : root.resolve("docs/benchmarks.md");
    }
    Path logs = root.resolve("target/bench/runs");
    Files.createDirectories(logs);

    Machine machine = Machine.describe();
    String node = machine.node() == null ? null : "node";
    if (node == null) {
      System.out.println("bench: node is not installed: the Node references are skipped");
    }
    String serverCpus = machine.pinning() ? "0" : null;
    if (!machine.pinning()) {
      System.out.println("bench: no taskset or fewer than 2 CPUs: servers are not pinned");
    }
    Servers servers = new Servers(root, logs, serverCpus, node, javaOpts(System.getenv("BENCH_NETECHO_JAVA_OPTS")));

    try (LoadClient client = new LoadClient()) {
      Context ctx = new Context(client, servers, timing, machine.clockTicks(), wanted);
      if (profile != null) {
        Profile.run(ctx, Profile.scenario(profile), root.resolve("target/bench"));
        return;
      }
      List<Scenario> scenarios = new ArrayList<>(Scenario.all());
      if (only != null) {
        Set<String> ids = only;
        // a companion's id selects the scenario that measures it
        scenarios.removeIf(s -> !ids.contains(s.id) && s.companions.stream().noneMatch(c -> ids.contains(c.id)));
        if (scenarios.isEmpty()) {
          throw new IllegalArgumentException("--only " + String.join(",", ids) + " names no scenario (use "
            + Report.rows(Scenario.all()).stream().map(s -> s.id).collect(Collectors.joining(",")) + ")");
        }
      }
      FirstReply.warmUp(Scenario.PREFIX);
      long started = System.nanoTime();
      Results results = run(ctx, scenarios, root.resolve("target/bench/runs.csv"));
      String command = System.getProperty("bench.command", "scripts/bench " + String.join(" ", args)).strip();
      Report.write(out, results, scenarios, machine, timing, command, client.transport(),
        Duration.ofNanos(System.nanoTime() - started));
      System.out.println("bench: wrote " + root.relativize(out.toAbsolutePath()) + " and "
        + root.relativize(Report.chartPath(out).toAbsolutePath()));
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value (" + USAGE + ")");
    }
    return args[i];
  }

  private static long clockTicks = 100;

  private static Results run(Context ctx, List<Scenario> scenarios, Path csv) throws IOException {
    clockTicks = ctx.clockTicks();
    Results results = new Results();
    long started = System.nanoTime();
    long deadline = started + ctx.timing().budgetMs() * 1_000_000L;
    Files.writeString(csv, "scenario,round,server,value,unit,p50_us,p99_us,cpu_per_unit_us,errors,other_load,note\n");
    int planned = 0;
    for (Scenario scenario : scenarios) {
      planned += scenario.rounds(ctx.timing()) * ctx.servers(scenario).size();
    }
    int done = 0;
    for (Scenario scenario : scenarios) {
      List<Server> servers = ctx.servers(scenario);
      for (int round = 0; round < scenario.rounds(ctx.timing()); round++) {
        for (int i = 0; i < servers.size(); i++) {
          // alternate: each round starts with the next server
          Server server = servers.get((i + round) % servers.size());
          Sample sample;
          if (System.nanoTime() > deadline) {
            sample = Sample.of(Double.NaN, 0, "skipped: the run's time budget was used up");
          } else {
            String name = scenario.id + "-" + server.id() + "-r" + round;
            awaitQuiet(Math.min(ctx.timing().quietWaitMs() * 1_000_000L, slack(started, deadline, done, planned)));
            sample = measure(ctx, scenario, server, name);
            // another process took CPU meanwhile (a build on a shared machine): measure again, keep the quietest
            for (int again = 0; again < ctx.timing().retries() && sample.otherLoad() > NOISY; again++) {
              long slack = slack(started, deadline, done + again + 1, planned + again + 1);
              if (slack <= 0) {
                break;
              }
              System.out.printf("[%4.0fs] %-10s r%d %-12s %s: other load %.0f%% of a CPU, measuring again%n",
                (System.nanoTime() - started) / 1e9, scenario.id, round, server.label(), describe(scenario, sample),
                100 * sample.otherLoad());
              awaitQuiet(Math.min(ctx.timing().quietWaitMs() * 1_000_000L, slack));
              Sample retry = measure(ctx, scenario, server, name);
              if (!(retry.otherLoad() >= sample.otherLoad())) {
                sample = retry;
              }
            }
          }
          done++;
          record(results, csv, started, scenario, round, server, sample);
          for (Scenario companion : scenario.companions) {
            Sample also = sample.companions().getOrDefault(companion.id, Sample.of(Double.NaN, 0, sample.note()));
            record(results, csv, started, companion, round, server, also);
          }
        }
      }
    }
    return results;
  }

  private static void record(Results results, Path csv, long started, Scenario scenario, int round, Server server,
                             Sample sample) throws IOException {
    results.add(scenario, round, server, sample);
    System.out.printf("[%4.0fs] %-10s r%d %-12s %s%n", (System.nanoTime() - started) / 1e9, scenario.id, round,
      server.label(), describe(scenario, sample));
    Files.writeString(csv, String.format("%s,%d,%s,%s,%s,%s,%s,%s,%d,%s,\"%s\"%n", scenario.id, round, server.id(),
      sample.value(), scenario.unit, sample.p50us(), sample.p99us(), sample.cpuPerUnitUs(), sample.errors(),
      sample.otherLoad(), sample.note().replace("\"", "'")), StandardOpenOption.APPEND);
  }

  /** Nanoseconds to spare: the time left minus what the remaining runs will take at the pace so far. */
  private static long slack(long started, long deadline, int done, int planned) {
    long now = System.nanoTime();
    long perRun = (now - started) / Math.max(1, done);
    return deadline - now - perRun * Math.max(0, planned - done);
  }

  /** Waits, at most {@code limitNanos}, until other processes use less than {@link #NOISY} CPUs. */
  private static void awaitQuiet(long limitNanos) {
    long until = System.nanoTime() + limitNanos;
    boolean told = false;
    while (true) {
      CpuLoad.Reading from = CpuLoad.read();
      ServerProcess.sleep(300);
      double other = CpuLoad.foreign(from, CpuLoad.read(), 0, 0.3, clockTicks);
      if (other <= NOISY || System.nanoTime() > until) {
        return;
      }
      if (!told) {
        System.out.printf("bench: other processes use %.0f%% of a CPU; waiting up to %.0f s for quiet%n", 100 * other,
          Math.max(0, (until - System.nanoTime()) / 1e9));
        told = true;
      }
    }
  }

  private static Sample measure(Context ctx, Scenario scenario, Server server, String name) {
    try {
      return scenario.measure(ctx, server, name);
    } catch (IOException | RuntimeException e) {
      return Sample.of(Double.NaN, 1, "failed: " + e.getMessage());
    }
  }

  private static String describe(Scenario scenario, Sample s) {
    StringBuilder text = new StringBuilder(Report.number(s.value())).append(' ').append(scenario.unit);
    if (!Double.isNaN(s.p50us())) {
      text.append(String.format(", p50 %s µs, p99 %s µs", Report.number(s.p50us()), Report.number(s.p99us())));
    }
    if (!Double.isNaN(s.cpuPerUnitUs())) {
      text.append(String.format(", server CPU %s %s", Report.number(s.cpuPerUnitUs()), scenario.cpuUnit));
    }
    if (s.errors() > 0) {
      text.append(", errors ").append(s.errors());
    }
    if (!s.note().isEmpty()) {
      text.append(" (").append(s.note()).append(')');
    }
    return text.toString();
  }

  private static List<String> javaOpts(String value) {
    return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
  }

  static String now() {
    return Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z");
  }
}
