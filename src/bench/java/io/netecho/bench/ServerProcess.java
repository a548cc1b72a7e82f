package io.netecho.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One server under test, started by the bench as its own process: its port, its CPU time and RSS
 * read from {@code /proc/<pid>}, and a forced stop by its own PID (never by name).
 */
final class ServerProcess implements AutoCloseable {

  private final Server kind;
  private final Process process;
  private final int port;
  private final Path stderr;

  ServerProcess(Server kind, Process process, int port, Path stderr) {
    this.kind = kind;
    this.process = process;
    this.port = port;
    this.stderr = stderr;
  }

  Server kind() {
    return kind;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /** Waits until the server accepts a connection; fails when it exits first or takes too long. */
  void awaitAccepting(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(kind.label() + " exited with " + process.exitValue() + ": " + tail());
      }
      try (Socket probe = new Socket()) {
        probe.connect(address(), 200);
        return;
      } catch (IOException notYet) {
        sleep(10);
      }
    }
    throw new IllegalStateException(kind.label() + " did not accept connections within " + limit + ": " + tail());
  }

  /** utime + stime of every thread, in clock ticks ({@code /proc/<pid>/stat} fields 14 and 15). */
  long cpuTicks() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state), so field 14 is fields[11]
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read CPU time of " + kind.label() + " (pid " + pid() + "): " + e, e);
    }
  }

  /** Resident set size in bytes ({@code VmRSS} of {@code /proc/<pid>/status}). */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS");
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read RSS of " + kind.label() + " (pid " + pid() + "): " + e, e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The last lines the server wrote to stderr, for an error message. */
  String tail() {
    try {
      String text = Files.exists(stderr) ? Files.readString(stderr).strip() : "";
      return text.length() > 600 ? "..." + text.substring(text.length() - 600) : text;
    } catch (IOException e) {
      return "(no stderr: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
