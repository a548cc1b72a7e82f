package io.netecho.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine the bench ran on, as the report states it. */
record Machine(int cpus, String cpuModel, String kernel, String java, String node, boolean pinning, long clockTicks) {

  static Machine describe() throws IOException {
    List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
    int cpus = (int) cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
    String model = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
      .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    String java = Servers.output(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version");
    String node = Servers.output("node", "--version");
    boolean taskset = Servers.output("taskset", "-c", "0", "true") != null;
    String ticks = Servers.output("getconf", "CLK_TCK");
    return new Machine(cpus, model, kernel, java == null ? "unknown" : java.replace('\n', ' '), node,
      taskset && cpus >= 2, ticks == null ? 100 : Long.parseLong(ticks.trim()));
  }
}
