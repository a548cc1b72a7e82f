package io.netecho.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Writes {@code docs/benchmarks.md} and its SVG chart from the results of one bench run. */
final class Report {

  private static final List<Server> SERVERS = List.of(Server.NET_ECHO, Server.RAW_NETTY, Server.NODE);
  private static final String[] COLOURS = {"#2b6cb0", "#dd6b20", "#38a169"};

  /** One bound a target sets: {@code actual} must be at least (or at most) {@code bound}. */
  private record Bound(String what, double actual, double bound, boolean atLeast, String unit) {

    boolean met() {
      return !Double.isNaN(actual) && (atLeast ? actual >= bound : actual <= bound);
    }

    String shortfall() {
      double off = actual / bound - 1;
      boolean times = unit.equals("×");
      String shown = times ? String.format("%.2f×", actual) : number(actual) + unit;
      String limit = times ? String.format("%.2f×", bound) : number(bound) + unit;
      return String.format("%s%s, target %s %s (%+.0f%%)", what.isEmpty() ? "" : what + " ", shown, atLeast ? "≥" : "≤",
        limit, off * 100);
    }
  }

  private Report() {
  }

  static Path chartPath(Path markdown) {
    String name = markdown.getFileName().toString().replaceFirst("\\.md$", "") + ".svg";
    return markdown.resolveSibling(name);
  }

  static void write(Path out, Results results, List<Scenario> scenarios, Machine machine, Timing timing, String command,
                    String transport) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path chart = chartPath(out);
    Files.writeString(chart, svg(results, scenarios));
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
      .append("Written by `scripts/bench` (sources in `src/bench/`); run it again rather than editing this file.\n")
      .append("net-echo is measured against two references started by the same run: a minimal raw Netty echo server\n")
      .append("(`src/bench/java/io/netecho/bench/RawNettyEcho.java`: the Netty under Vert.x 5.0.10, one NIO event loop,\n")
      .append("prefix and chunk written as two buffers, flushed on read complete, no logging, no backpressure) and Node's\n")
      .append("classic `net` echo server (`src/bench/node/echo-server.js`, `'Repeating: ' + data`).\n\n");

    md.append("## Machine\n\n| | |\n| --- | --- |\n")
      .append("| nproc | ").append(machine.cpus()).append(" |\n")
      .append("| CPU | ").append(machine.cpuModel()).append(" |\n")
      .append("| kernel | ").append(machine.kernel()).append(" |\n")
      .append("| java -version | ").append(machine.java()).append(" |\n")
      .append("| node --version | ").append(machine.node() == null ? "not installed (Node reference skipped)" : machine.node())
      .append(" |\n\n");

    md.append("## Command\n\n```sh\n").append(command).append("\n```\n\n")
      .append(String.format("Finished %s. Mode `%s`: %d round(s) per scenario, servers alternating (each round starts with "
          + "the next one), every run against a freshly started server; throughput runs warm up %.1f s and measure %.1f s. ",
        Bench.now(), timing.name(), timing.rounds(), timing.warmupMs() / 1000.0, timing.measureMs() / 1000.0))
      .append(machine.pinning()
        ? "Servers pinned to CPU 0, the load generator (one Netty " + transport + " event loop) to CPU 1 with `taskset`.\n\n"
        : "Not pinned (no `taskset` or fewer than 2 CPUs): numbers are not comparable with pinned runs.\n\n");

    md.append("## Results\n\nMedians over the rounds; a ratio is the median of net-echo's value divided by the reference's "
        + "in the same round (for memory and time, lower is better).\n\n")
      .append("| scenario | unit | net-echo | raw Netty | Node | net-echo / raw Netty | net-echo / Node | target | met? |\n")
      .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    List<String> missed = new ArrayList<>();
    for (Scenario s : scenarios) {
      List<Bound> bounds = bounds(s, results);
      String met;
      if (bounds.isEmpty()) {
        met = "–";
      } else if (bounds.stream().allMatch(Bound::met)) {
        met = "yes";
      } else {
        String why = bounds.stream().filter(b -> !b.met()).map(Bound::shortfall).collect(Collectors.joining("; "));
        met = "**no**: " + why;
        missed.add("- " + s.title + ": " + why);
      }
      md.append("| ").append(s.title).append(" | ").append(s.unit);
      for (Server server : SERVERS) {
        md.append(" | ").append(number(results.median(s, server, Sample::value)));
      }
      md.append(" | ").append(ratio(results.ratio(s, Server.RAW_NETTY, Sample::value)))
        .append(" | ").append(ratio(results.ratio(s, Server.NODE, Sample::value)))
        .append(" | ").append(target(s.id)).append(" | ").append(met).append(" |\n");
    }
    md.append("\n![net-echo, raw Netty and Node per scenario](").append(chart.getFileName()).append(")\n\n");
    if (!missed.isEmpty()) {
      md.append("Missed targets:\n\n").append(String.join("\n", missed)).append("\n\n");
    }
    // The why of a miss and the optimisations tried are written by hand, beside this file, and
    // kept across runs.
    Path analysis = out.toAbsolutePath().getParent().resolve("benchmarks-analysis.md");
    if (Files.isRegularFile(analysis)) {
      md.append(Files.readString(analysis).strip()).append("\n\n");
    }

    md.append("## Details\n\n")
      .append("Latency is the load generator's (send to complete reply, or the whole churn cycle), so it includes its own "
        + "queueing. Server CPU is utime + stime from `/proc/<pid>/stat` over the measured window, per unit. Other load is "
        + "the CPU (in % of one CPU, steal included) that neither the server nor the load generator used during the window, "
        + "from `/proc/stat`: a run with more than " + Math.round(Bench.NOISY * 100) + "% is measured again (up to "
        + Bench.RETRIES + " times, as the time budget allows) and the quietest one kept.\n\n")
      .append("| scenario | server | median | p50 µs | p99 µs | server CPU | CPU vs raw Netty | per round | errors | other load | note (first round) |\n")
      .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Scenario s : scenarios) {
      for (Server server : SERVERS) {
        List<Sample> samples = results.samples(s, server);
        if (samples.isEmpty()) {
          continue;
        }
        double cpu = results.median(s, server, Sample::cpuPerUnitUs);
        md.append("| ").append(s.title).append(" | ").append(server.label())
          .append(" | ").append(number(results.median(s, server, Sample::value))).append(' ').append(s.unit)
          .append(" | ").append(number(results.median(s, server, Sample::p50us)))
          .append(" | ").append(number(results.median(s, server, Sample::p99us)))
          .append(" | ").append(Double.isNaN(cpu) ? "–" : number(cpu) + " " + s.cpuUnit)
          .append(" | ").append(server == Server.NET_ECHO && !Double.isNaN(cpu)
            ? ratio(results.ratio(s, Server.RAW_NETTY, Sample::cpuPerUnitUs)) : "")
          .append(" | ").append(samples.stream().map(x -> number(x.value())).collect(Collectors.joining(", ")))
          .append(" | ").append(results.errors(s, server))
          .append(" | ").append(Double.isNaN(results.median(s, server, Sample::otherLoad)) ? "–"
            : String.format("%.0f%%", 100 * results.median(s, server, Sample::otherLoad)))
          .append(" | ").append(samples.get(0).note().replace("|", "\\|")).append(" |\n");
      }
    }

    md.append("\n## How it measures\n\n")
      .append("- net-echo runs as users run it: `java -jar target/net-echo.jar -instances 1 -conf <file>` with "
        + "`host` 127.0.0.1, a free port, `log.data=false` (except the logging scenario), `admin.enabled=false`, "
        + "default JVM flags (plus `BENCH_NETECHO_JAVA_OPTS` when set). The raw Netty reference runs with default JVM flags. "
        + "All servers' stdout goes to /dev/null.\n")
      .append("- request/response: 50 connections, one message in flight each, prefix `Repeating: `; a reply is complete "
        + "when the prefix and every byte of the message are back (a server may answer in several prefixed chunks: each "
        + "prefix is counted, the bytes must add up exactly).\n")
      .append("- stream: 10 connections, 64 KiB in flight each, written in 16 KiB chunks, prefix `\"\"`, every byte "
        + "checked against what was sent; MB is 10^6 bytes echoed.\n")
      .append("- churn: 16 clients in a loop of connect, one 64 B echo, close (the client closes first).\n")
      .append("- idle: after a warm-up of 200 connections, server RSS (`VmRSS`) is read, 10 000 connections are opened "
        + "(100 at a time, each echoing one byte), and after one second RSS is read again: (after − before) / connections.\n")
      .append("- slow reader: one client writes up to 256 MiB and never reads; the server's peak RSS while it writes (and "
        + "until it stalls for ")
      .append(timing.stallMs() / 1000.0).append(" s or everything is written and ").append(timing.stallMs() / 1000.0)
      .append(" s have passed) minus RSS before.\n")
      .append("- start to `listening`: from process start to the `listening on port` line on stdout, ")
      .append(timing.startups()).append(" times; net-echo not clustered.\n")
      .append("- logging: net-echo with `log.data=true` and Node with its console logging on, both to /dev/null; raw Netty "
        + "logs nothing. Node logs connection events and chunks as net-echo does.\n")
      .append("- Raw data of the last run: `target/bench/runs.csv`; servers' stderr and configs: `target/bench/runs/`.\n");
    Files.writeString(out, md.toString());
  }

  private static String target(String id) {
    return switch (id) {
      case "rr64" -> "≥ 0.95× raw Netty, ≥ 1.25× Node, server CPU/msg ≤ 1.1× raw Netty's";
      case "rr64log" -> "≥ 1.6× Node (logging on)";
      case "rr16k" -> "≥ 0.95× raw Netty";
      case "stream" -> "≥ 0.9× raw Netty";
      case "churn" -> "≥ Node";
      case "idle" -> "≤ 3 000 B/conn";
      case "slow" -> "≤ 16 MiB";
      case "startup" -> "≤ 0.5 s median";
      default -> "–";
    };
  }

  private static List<Bound> bounds(Scenario s, Results r) {
    ToDoubleFunction<Sample> value = Sample::value;
    return switch (s.id) {
      case "rr64" -> List.of(
        new Bound("vs raw Netty", r.ratio(s, Server.RAW_NETTY, value), 0.95, true, "×"),
        new Bound("vs Node", r.ratio(s, Server.NODE, value), 1.25, true, "×"),
        new Bound("server CPU/msg vs raw Netty", r.ratio(s, Server.RAW_NETTY, Sample::cpuPerUnitUs), 1.1, false, "×"));
      case "rr64log" -> List.of(new Bound("vs Node", r.ratio(s, Server.NODE, value), 1.6, true, "×"));
      case "rr16k" -> List.of(new Bound("vs raw Netty", r.ratio(s, Server.RAW_NETTY, value), 0.95, true, "×"));
      case "stream" -> List.of(new Bound("vs raw Netty", r.ratio(s, Server.RAW_NETTY, value), 0.9, true, "×"));
      case "churn" -> List.of(new Bound("vs Node", r.ratio(s, Server.NODE, value), 1.0, true, "×"));
      case "idle" -> List.of(new Bound("", r.median(s, Server.NET_ECHO, value), 3000, false, " B"));
      case "slow" -> List.of(new Bound("", r.median(s, Server.NET_ECHO, value), 16, false, " MiB"));
      case "startup" -> List.of(new Bound("", r.median(s, Server.NET_ECHO, value), 0.5, false, " s"));
      default -> List.of();
    };
  }

  /** Bars per scenario, each group scaled to its largest value, with the values written out. */
  private static String svg(Results results, List<Scenario> scenarios) {
    int width = 860;
    int labelWidth = 330;
    int barMax = 380;
    int bar = 14;
    int y = 58;
    StringBuilder body = new StringBuilder();
    for (Scenario s : scenarios) {
      double max = 0;
      for (Server server : SERVERS) {
        double v = results.median(s, server, Sample::value);
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
      double goal = targetValue(s, results);
      if (!Double.isNaN(goal)) {
        max = Math.max(max, goal);
      }
      body.append(String.format("<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s (%s, %s)</text>%n", y + 12,
        xml(s.title.replace("`", "")), xml(s.unit), s.higherIsBetter ? "higher is better" : "lower is better"));
      y += 18;
      String goalLine = "";
      if (!Double.isNaN(goal) && max > 0) {
        int x = labelWidth + (int) Math.round(barMax * goal / max);
        goalLine = (String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\" "
          + "stroke-dasharray=\"3,2\"><title>net-echo's target</title></line>%n", x, y - 3, x, y + bar + 3));
      }
      for (int i = 0; i < SERVERS.size(); i++) {
        Server server = SERVERS.get(i);
        double v = results.median(s, server, Sample::value);
        body.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelWidth - 8, y + bar - 3,
          server.label()));
        if (!Double.isNaN(v) && max > 0) {
          int w = (int) Math.max(1, Math.round(barMax * v / max));
          body.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", labelWidth, y, w,
            bar, COLOURS[i]));
          body.append(String.format("<text x=\"%d\" y=\"%d\">%s %s</text>%n", labelWidth + w + 6, y + bar - 3,
            number(v), xml(s.unit)));
        } else {
          body.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"#888\">not measured</text>%n", labelWidth, y + bar - 3));
        }
        y += bar + 4;
      }
      body.append(goalLine);
      y += 12;
    }
    return String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
        + "<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">net-echo vs raw Netty vs Node (medians; bars scaled "
        + "per scenario)</text>%n<text x=\"10\" y=\"42\" fill=\"#555\">written by scripts/bench, %s; dashed line: net-echo's "
        + "target</text>%n%s</svg>%n",
      width, y + 10, Bench.now(), body);
  }

  /** net-echo's target as a value of the scenario's unit (references at their medians), or NaN. */
  private static double targetValue(Scenario s, Results r) {
    double netty = r.median(s, Server.RAW_NETTY, Sample::value);
    double node = r.median(s, Server.NODE, Sample::value);
    return switch (s.id) {
      case "rr64" -> Math.max(0.95 * netty, Double.isNaN(node) ? 0 : 1.25 * node);
      case "rr64log" -> 1.6 * node;
      case "rr16k" -> 0.95 * netty;
      case "stream" -> 0.9 * netty;
      case "churn" -> node;
      case "idle" -> 3000;
      case "slow" -> 16;
      case "startup" -> 0.5;
      default -> Double.NaN;
    };
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
