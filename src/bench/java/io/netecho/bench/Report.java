package io.netecho.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import static io.netecho.bench.Server.NET_ECHO;
import static io.netecho.bench.Server.NET_ECHO_17;
import static io.netecho.bench.Server.NET_ECHO_LOG;
import static io.netecho.bench.Server.NODE;
import static io.netecho.bench.Server.NODE_LOG;
import static io.netecho.bench.Server.PLAIN_VERTX;
import static io.netecho.bench.Server.RAW_NETTY;

/** Writes {@code docs/benchmarks.md} and its SVG chart from the results of one bench run. */
final class Report {

  /** The report's columns, references first. */
  private static final List<Server> SERVERS = List.of(RAW_NETTY, PLAIN_VERTX, NET_ECHO, NET_ECHO_LOG, NET_ECHO_17,
    NODE_LOG, NODE);
  private static final String[] COLOURS = {"#dd6b20", "#805ad5", "#2b6cb0", "#63b3ed", "#718096", "#38a169", "#9ae6b4"};

  /**
   * One target: {@code subject}'s value (or server CPU per unit) at least or at most {@code bound},
   * as a same-round ratio to {@code reference}'s, or as its median when there is no reference.
   */
  private record Target(String scenario, Server subject, Server reference, boolean cpu, double bound, boolean atLeast,
                        boolean stretch) {

    static Target ratio(String scenario, Server subject, Server reference, double bound, boolean atLeast) {
      return new Target(scenario, subject, reference, false, bound, atLeast, false);
    }

    static Target absolute(String scenario, Server subject, double bound) {
      return new Target(scenario, subject, null, false, bound, false, false);
    }

    Target cpuPerUnit() {
      return new Target(scenario, subject, reference, true, bound, atLeast, stretch);
    }

    Target asStretch() {
      return new Target(scenario, subject, reference, cpu, bound, atLeast, true);
    }

    double actual(Scenario s, Results r) {
      ToDoubleFunction<Sample> field = cpu ? Sample::cpuPerUnitUs : Sample::value;
      return reference == null ? r.median(s, subject, field) : r.ratio(s, subject, reference, field);
    }

    String describe(Scenario s) {
      String text;
      if (cpu) {
        text = String.format("%s: server CPU per %s ≤ %.2f× %s's", subject.header(), s.cpuUnit.replaceFirst(".*/", ""),
          bound, reference.header());
      } else if (reference != null) {
        text = String.format("%s %s %.2f× %s (%s)", subject.header(), atLeast ? "≥" : "≤", bound, reference.header(), s.unit);
      } else {
        String limit = bound == Math.rint(bound) ? String.format("%,.0f", bound) : number(bound);
        text = String.format("%s %s %s %s", subject.header(), atLeast ? "≥" : "≤", limit, s.unit);
      }
      return stretch ? "stretch: " + text : text;
    }

    String shown(double actual, Scenario s) {
      return reference == null ? number(actual) + " " + s.unit : Report.ratio(actual);
    }

    boolean met(double actual) {
      return !Double.isNaN(actual) && (atLeast ? actual >= bound : actual <= bound);
    }
  }

  /** net-echo's targets, in report order. */
  private static final List<Target> TARGETS = List.of(
    Target.ratio("rr64", NET_ECHO, PLAIN_VERTX, 1.15, false).cpuPerUnit(),
    Target.ratio("rr64", NET_ECHO_LOG, NODE_LOG, 1.0, true),
    Target.ratio("rr64", NET_ECHO_LOG, NODE_LOG, 1.6, true).asStretch(),
    Target.ratio("churn", NET_ECHO_LOG, NODE_LOG, 1.0, true),
    // the same targets in server CPU per connection: where the load generator is what limits the
    // rate, the CPU each connection costs still tells the servers apart
    Target.ratio("churn", NET_ECHO_LOG, NODE_LOG, 1.0, false).cpuPerUnit(),
    Target.ratio("churn", NET_ECHO, PLAIN_VERTX, 0.8, true),
    Target.ratio("churn", NET_ECHO, PLAIN_VERTX, 1.25, false).cpuPerUnit(),
    Target.ratio("churn", NET_ECHO, PLAIN_VERTX, 1.0, true).asStretch(),
    Target.ratio("rr16k", NET_ECHO, RAW_NETTY, 0.9, true),
    Target.ratio("stream", NET_ECHO, RAW_NETTY, 0.95, true),
    Target.absolute("idle", NET_ECHO, 8000),
    Target.absolute("idle", NET_ECHO_LOG, 8000),
    Target.ratio("idle", NET_ECHO, NODE_LOG, 1.0, false).asStretch(),
    Target.absolute("rest", NET_ECHO, 64),
    Target.absolute("rest", NET_ECHO_LOG, 64),
    Target.absolute("slow", NET_ECHO, 16),
    Target.absolute("first", NET_ECHO_LOG, 5),
    Target.absolute("first-run", NET_ECHO_LOG, 5));

  private Report() {
  }

  static Path chartPath(Path markdown) {
    String name = markdown.getFileName().toString().replaceFirst("\\.md$", "") + ".svg";
    return markdown.resolveSibling(name);
  }

  /** The report's rows: every scenario followed by its companions. */
  static List<Scenario> rows(List<Scenario> scenarios) {
    List<Scenario> rows = new ArrayList<>();
    for (Scenario s : scenarios) {
      rows.add(s);
      rows.addAll(s.companions);
    }
    return rows;
  }

  static void write(Path out, Results results, List<Scenario> scenarios, Machine machine, Timing timing, String command,
                    String transport, Duration took) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    List<Scenario> rows = rows(scenarios);
    Path chart = chartPath(out);
    Files.writeString(chart, svg(results, rows));
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
      .append("How many echoes per second net-echo serves and what each costs it in CPU, how much memory it holds, and how\n")
      .append("soon a freshly started server answers, each measured against reference servers started by the same run on\n")
      .append("the same machine:\n\n")
      .append("- **raw Netty** (`src/bench/java/io/netecho/bench/RawNettyEcho.java`): the Netty under Vert.x 5.0.10, one\n")
      .append("  event loop, prefix and chunk written as two buffers, no logging, no backpressure: about the least a JVM echo\n")
      .append("  server can do.\n")
      .append("- **plain Vert.x echo** (`src/bench/java/io/netecho/bench/PlainVertxEcho.java`): the `NetServer` echo a\n")
      .append("  Vert.x user writes first, on the same Vert.x 5.0.10: prefix + chunk copied into one buffer,\n")
      .append("  `writeQueueFull`/`pause`/`drainHandler`, no logging. What net-echo costs beyond it is the cost of\n")
      .append("  net-echo's own features.\n")
      .append("- **Node** (`src/bench/node/echo-server.js`): Node's classic `net` echo server (`'Repeating: ' + data`),\n")
      .append("  with the example's console logging (a line per connection event and per chunk) and without it.\n\n")
      .append("net-echo itself runs with `log.data=false` and with its default logging (`log.data=true`, a line per\n")
      .append("connection event and per chunk, like Node's example). Each scenario runs the servers that matter for it.\n\n")
      .append("This file is written by `scripts/bench` (sources in `src/bench/`); run it again rather than editing it.\n\n");

    md.append("## Machine\n\n| | |\n| --- | --- |\n")
      .append("| nproc | ").append(machine.cpus()).append(" |\n")
      .append("| CPU | ").append(machine.cpuModel()).append(" |\n")
      .append("| kernel | ").append(machine.kernel()).append(" |\n")
      .append("| java -version | ").append(machine.java()).append(" |\n")
      .append("| node --version | ").append(machine.node() == null ? "not installed (Node references skipped)" : machine.node())
      .append(" |\n\n");

    md.append("## Command\n\n```sh\n").append(command).append("\n```\n\n")
      .append(String.format("Finished %s after %d min %02d s. Mode `%s`: %d round(s) per scenario (%d fresh starts for the "
          + "first reply), servers alternating (each round starts with the next one), every run against a freshly started "
          + "server; throughput runs warm up %.1f s and measure %.1f s. ",
        Bench.now(), took.toMinutes(), took.toSecondsPart(), timing.name(), timing.rounds(), timing.firstReplies(),
        timing.warmupMs() / 1000.0, timing.measureMs() / 1000.0))
      .append(machine.pinning()
        ? "Servers pinned to CPU 0, the load generator (one Netty " + transport + " event loop) to CPU 1 with `taskset`.\n\n"
        : "Not pinned (no `taskset` or fewer than 2 CPUs): numbers are not comparable with pinned runs.\n\n");

    md.append("## Results\n\nMedians over the rounds; throughput cells also show the server's CPU time per unit. "
      + "\"–\": not measured for that server.\n\n| scenario | unit |");
    for (Server server : SERVERS) {
      md.append(' ').append(server.header()).append(" |");
    }
    md.append("\n| --- | --- |").append(" --- |".repeat(SERVERS.size())).append('\n');
    for (Scenario s : rows) {
      md.append("| ").append(s.title).append(" | ").append(s.unit).append(" |");
      for (Server server : SERVERS) {
        md.append(' ').append(cell(s, server, results)).append(" |");
      }
      md.append('\n');
    }

    md.append("\n## Targets\n\nA ratio is net-echo's value divided by the reference's from the same round, the median over "
        + "the rounds; other targets hold net-echo's median. A stretch target is a goal beyond the target.\n\n")
      .append("| scenario | target | measured | met? |\n| --- | --- | --- | --- |\n");
    List<String> missed = new ArrayList<>();
    for (Target target : TARGETS) {
      Scenario s = rows.stream().filter(r -> r.id.equals(target.scenario())).findFirst().orElse(null);
      if (s == null) {
        continue;
      }
      double actual = target.actual(s, results);
      String met = Double.isNaN(actual) ? "not measured" : target.met(actual) ? "met" : target.stretch() ? "missed"
        : "**missed**";
      if (!target.met(actual) && !target.stretch() && !Double.isNaN(actual)) {
        missed.add(s.title);
      }
      md.append("| ").append(s.title).append(" | ").append(target.describe(s)).append(" | ")
        .append(target.shown(actual, s)).append(" | ").append(met).append(" |\n");
    }
    long scenariosMissed = missed.stream().distinct().count();
    md.append('\n').append(scenariosMissed == 0 ? "Every target measured was met."
      : "Targets missed in " + scenariosMissed + " scenario(s): " + missed.stream().distinct().collect(Collectors.joining("; "))
        + ".").append("\n\n");
    md.append("![each server's median per scenario](").append(chart.getFileName()).append(")\n\n");

    // The reading of the numbers is written by hand, beside this file, and kept across runs.
    Path analysis = out.toAbsolutePath().getParent().resolve("benchmarks-analysis.md");
    if (Files.isRegularFile(analysis)) {
      md.append(Files.readString(analysis).strip()).append("\n\n");
    }

    md.append("## Details\n\n")
      .append("Latency is the load generator's (send to complete reply, or the whole churn cycle), so it includes its own "
        + "queueing. Server CPU is utime + stime from `/proc/<pid>/stat` over the measured window, per unit. Other load is "
        + "the CPU (in % of one CPU, steal included) that neither the server nor the load generator used during the window, "
        + "from `/proc/stat`: a run with more than " + Math.round(Bench.NOISY * 100) + "% is measured again (up to "
        + timing.retries() + " times, as the time budget allows) and the quietest one kept.\n\n")
      .append("| scenario | server | median | p50 µs | p99 µs | server CPU | per round | errors | other load | note (first round) |\n")
      .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Scenario s : rows) {
      for (Server server : SERVERS) {
        List<Sample> samples = results.samples(s, server);
        if (samples.isEmpty()) {
          continue;
        }
        double cpu = results.median(s, server, Sample::cpuPerUnitUs);
        md.append("| ").append(s.title).append(" | ").append(server.header())
          .append(" | ").append(number(results.median(s, server, Sample::value))).append(' ').append(s.unit)
          .append(" | ").append(number(results.median(s, server, Sample::p50us)))
          .append(" | ").append(number(results.median(s, server, Sample::p99us)))
          .append(" | ").append(Double.isNaN(cpu) ? "–" : number(cpu) + " " + s.cpuUnit)
          .append(" | ").append(samples.stream().map(x -> number(x.value())).collect(Collectors.joining(", ")))
          .append(" | ").append(results.errors(s, server))
          .append(" | ").append(Double.isNaN(results.median(s, server, Sample::otherLoad)) ? "–"
            : String.format("%.0f%%", 100 * results.median(s, server, Sample::otherLoad)))
          .append(" | ").append(samples.get(0).note().replace("|", "\\|")).append(" |\n");
      }
    }

    md.append("\n## How it measures\n\n")
      .append("- net-echo runs as `scripts/run` runs it, on one event loop: `java` with `scripts/run`'s JVM flags "
        + "(`scripts/lib/jvm-flags`, plus `BENCH_NETECHO_JAVA_OPTS` when set) `-jar target/net-echo.jar -instances 1 "
        + "-conf <file>`, with `host` 127.0.0.1, a free port, `log.data` false or true, `admin.enabled=false` and "
        + "`shutdownGraceSeconds=0`. The raw Netty and plain Vert.x echoes run with the JVM's default flags. Every "
        + "server's stdout goes to /dev/null, or is read and discarded by the bench where it waits for the `listening` "
        + "line.\n")
      .append("- request/response: 50 connections, one message in flight each, prefix `Repeating: `; a reply is complete "
        + "when the prefix and every byte of the message are back (a server may answer in several prefixed chunks: each "
        + "prefix is counted, the bytes must add up exactly).\n")
      .append("- stream: 10 connections, 64 KiB in flight each, written in 16 KiB chunks, prefix `\"\"`, every byte "
        + "checked against what was sent; MB is 10^6 bytes echoed.\n")
      .append("- churn: 16 clients in a loop of connect, one 64 B echo, close (the client closes first).\n")
      .append("- RSS at rest: ").append(Scenario.Idle.REST_MS / 1000).append(" s after the server printed "
        + "`listening on port`, before any connection, `VmRSS` of `/proc/<pid>/status`.\n")
      .append("- idle connections: the same server, after a warm-up of 200 connections: RSS is read, ")
      .append(String.format("%,d", timing.idleConnections()))
      .append(" connections are opened (100 at a time, each echoing one byte), and after one second RSS is read again: "
        + "(after − before) / connections.\n")
      .append("- slow reader: one client writes up to 256 MiB and never reads; the server's peak RSS while it writes (and "
        + "until it stalls for ")
      .append(timing.stallMs() / 1000.0).append(" s or everything is written and ").append(timing.stallMs() / 1000.0)
      .append(" s have passed) minus RSS before.\n")
      .append("- first reply: a fresh process; the moment its `listening on port` line arrives, the bench connects, sends "
        + "`hello\\n` and waits for `Repeating: hello\\n` (a blocking socket, as `nc` would). ")
      .append(timing.firstReplies()).append(" fresh starts per server. net-echo starts as `java -jar target/net-echo.jar` "
        + "(no JVM flags) and as `scripts/run`, both with the default settings (`conf/config.json`, logging on, admin "
        + "endpoint on) but for `NETECHO_HOST=127.0.0.1` and free ports for the echo and the admin endpoint. Start to "
        + "`listening` counts from just before the process (or the script) is started.\n")
      .append("- logging: net-echo with `log.data=true` and Node with its console logging, both to /dev/null; raw Netty "
        + "and the plain Vert.x echo log nothing. Node logs connection events and chunks as net-echo does.\n")
      .append("- Raw data of the last run: `target/bench/runs.csv`; servers' stderr and configs: `target/bench/runs/`. "
        + "`scripts/bench --profile [scenario]` records the Java servers with JFR under one scenario's load.\n");
    Files.writeString(out, md.toString());
  }

  /** A results cell: the median, and for a throughput the median server CPU per unit. */
  private static String cell(Scenario s, Server server, Results results) {
    if (results.samples(s, server).isEmpty()) {
      return "–";
    }
    String value = number(results.median(s, server, Sample::value));
    double cpu = results.median(s, server, Sample::cpuPerUnitUs);
    return Double.isNaN(cpu) ? value : value + " (" + number(cpu) + " " + s.cpuUnit + ")";
  }

  /** Bars per scenario, each group scaled to its largest value, with the values written out. */
  private static String svg(Results results, List<Scenario> rows) {
    int width = 860;
    int labelWidth = 330;
    int barMax = 380;
    int bar = 14;
    int y = 58;
    StringBuilder body = new StringBuilder();
    for (Scenario s : rows) {
      List<Server> measured = SERVERS.stream().filter(server -> !results.samples(s, server).isEmpty()).toList();
      if (measured.isEmpty()) {
        continue;
      }
      double max = 0;
      for (Server server : measured) {
        double v = results.median(s, server, Sample::value);
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
      body.append(String.format("<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s (%s, %s)</text>%n", y + 12,
        xml(s.title.replace("`", "")), xml(s.unit), s.higherIsBetter ? "higher is better" : "lower is better"));
      y += 18;
      for (Server server : measured) {
        double v = results.median(s, server, Sample::value);
        body.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelWidth - 8, y + bar - 3,
          xml(server.header())));
        if (!Double.isNaN(v) && max > 0) {
          int w = (int) Math.max(1, Math.round(barMax * v / max));
          body.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", labelWidth, y, w,
            bar, COLOURS[SERVERS.indexOf(server)]));
          body.append(String.format("<text x=\"%d\" y=\"%d\">%s %s</text>%n", labelWidth + w + 6, y + bar - 3,
            number(v), xml(s.unit)));
        } else {
          body.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"#888\">not measured</text>%n", labelWidth, y + bar - 3));
        }
        y += bar + 4;
      }
      y += 12;
    }
    return String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
        + "<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">net-echo and the reference servers (medians; bars "
        + "scaled per scenario)</text>%n<text x=\"10\" y=\"42\" fill=\"#555\">written by scripts/bench, %s</text>%n%s</svg>%n",
      width, y + 10, Bench.now(), body);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "–" : String.format("%.2f×", r);
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format("%,.0f", v);
    }
    if (a >= 10) {
      return String.format("%.1f", v);
    }
    if (a >= 1) {
      return String.format("%.2f", v);
    }
    return String.format("%.3f", v);
  }
}
