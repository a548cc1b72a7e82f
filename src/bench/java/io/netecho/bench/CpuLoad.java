package io.netecho.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the whole machine and of this process, to tell how much CPU something other than
 * the server and the load generator took during a measurement (other builds on a shared machine).
 */
final class CpuLoad {

  /** Busy and steal ticks of all CPUs, and this process's ticks, at one moment. */
  record Reading(long busy, long steal, long self) {
  }

  private CpuLoad() {
  }

  static Reading read() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
        + Long.parseLong(cpu[7]);
      long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new Reading(busy, steal, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    } catch (IOException | RuntimeException e) {
      return new Reading(0, 0, 0);
    }
  }

  /** CPUs' worth of time, between two readings, that neither this process nor the server used (steal included). */
  static double foreign(Reading from, Reading to, long serverTicks, double seconds, long clockTicks) {
    long other = (to.busy - from.busy) - (to.self - from.self) - serverTicks + (to.steal - from.steal);
    return Math.max(0, other) / (seconds * clockTicks);
  }
}
