package io.netecho.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code scripts/bench --profile [scenario]}: one throughput scenario's load (64 B request/response
 * unless named) against each of its Java servers (net-echo with and without logging, the plain
 * Vert.x echo, raw Netty; {@code --servers} narrows them), each recorded with JFR (profile
 * settings) after a warm-up; prints the hottest methods, by own samples (top frame) and by samples
 * anywhere on the stack, to stdout and {@code target/bench/profile-<scenario>.txt}.
 */
final class Profile {

  private static final int WARMUP_S = 5;
  private static final int RECORD_S = 20;
  private static final int TOP = 15;

  private Profile() {
  }

  /** The throughput scenario {@code id} names. */
  static Scenario.Rate scenario(String id) {
    List<Scenario.Rate> rates = Scenario.all().stream()
      .filter(Scenario.Rate.class::isInstance).map(Scenario.Rate.class::cast).toList();
    return rates.stream().filter(s -> s.id.equals(id)).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("--profile takes a throughput scenario: "
        + rates.stream().map(s -> s.id).collect(Collectors.joining(", ")) + "; not " + id));
  }

  static void run(Bench.Context ctx, Scenario.Rate scenario, Path dir) throws IOException {
    StringBuilder report = new StringBuilder();
    List<Server> kinds = ctx.servers(scenario).stream().filter(s -> s.program() != Server.Program.NODE).toList();
    for (Server kind : kinds) {
      String name = "profile-" + scenario.id + "-" + kind.id();
      Path jfr = dir.resolve(name + ".jfr");
      Files.deleteIfExists(jfr);
      String start = "-XX:StartFlightRecording=delay=" + WARMUP_S + "s,duration=" + RECORD_S + "s,filename=" + jfr
        + ",settings=profile";
      ServerProcess server = ctx.servers().start(kind, name,
        new Servers.Setup(scenario.setup().prefix(), scenario.setup().launch(), List.of(start)));
      Load load = scenario.load(ctx.client());
      long messages;
      try {
        ctx.client().run(() -> load.start(server.address()));
        ServerProcess.sleep(WARMUP_S * 1000L);
        Load.Snapshot from = ctx.client().call(() -> load.snapshot(true));
        ServerProcess.sleep(RECORD_S * 1000L);
        Load.Snapshot to = ctx.client().call(() -> load.snapshot(false));
        messages = to.completed() - from.completed();
        for (int i = 0; i < 100 && (!Files.exists(jfr) || Files.size(jfr) == 0); i++) {
          ServerProcess.sleep(200);
        }
        ServerProcess.sleep(500);
      } finally {
        load.stop();
        ctx.servers().stop(server);
      }
      report.append(String.format("== %s, %s: %,.0f %s while recording; %s%n", scenario.title, kind.header(),
        messages / (double) RECORD_S / scenario.unitsPerValue(), scenario.unit, jfr));
      report.append(summary(jfr));
    }
    Files.writeString(dir.resolve("profile-" + scenario.id + ".txt"), report);
    System.out.print(report);
  }

  private static String summary(Path jfr) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> nativeSelf = new HashMap<>();
    int samples = 0;
    int nativeSamples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
      String type = event.getEventType().getName();
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      if (type.equals("jdk.ExecutionSample")) {
        samples++;
        self.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
          if (seen.add(name(frame))) {
            total.merge(name(frame), 1, Integer::sum);
          }
        }
      } else if (type.equals("jdk.NativeMethodSample")) {
        nativeSamples++;
        nativeSelf.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
      }
    }
    return "Java samples (jdk.ExecutionSample): " + samples + "\n"
      + "top " + TOP + " by own samples:\n" + top(self, samples)
      + "top " + TOP + " by samples on the stack:\n" + top(total, samples)
      + "native samples (jdk.NativeMethodSample, threads blocked in native code): " + nativeSamples + "\n"
      + top(nativeSelf, nativeSamples) + "\n";
  }

  private static String top(Map<String, Integer> counts, int of) {
    return counts.entrySet().stream()
      .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
      .limit(TOP)
      .map(e -> String.format("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, of), e.getKey()))
      .collect(Collectors.joining());
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
