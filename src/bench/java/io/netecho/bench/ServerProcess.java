package io.netecho.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server under test, started by the bench as its own process: its port, its CPU time and RSS
 * read from {@code /proc/<pid>}, and a forced stop by its own PID (never by name).
 */
final class ServerProcess implements AutoCloseable {

  private final Server kind;
  private final Process process;
  private final int port;
  private final Path stderr;
  private final long startedNanos;
  /** {@link System#nanoTime} when stdout said {@code listening on port}; -1 when stdout ended first. */
  private final CompletableFuture<Long> listening = new CompletableFuture<>();

  ServerProcess(Server kind, Process process, int port, Path stderr, long startedNanos) {
    this.kind = kind;
    this.process = process;
    this.port = port;
    this.stderr = stderr;
    this.startedNanos = startedNanos;
  }

  /** {@link System#nanoTime} just before the process was started. */
  long startedNanos() {
    return startedNanos;
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

  /**
   * Reads stdout on a daemon thread of this JVM (the load generator's CPU, not the server's): notes
   * the moment the {@code listening on port} line arrives, then discards everything, so the server
   * never blocks on a full pipe.
   */
  void watchStdout() {
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (!listening.isDone() && (line.startsWith("listening on port") || line.contains(" - listening on port"))) {
            listening.complete(System.nanoTime());
          }
        }
      } catch (IOException ended) {
        // the process is gone
      }
      listening.complete(-1L);
    }, "stdout of " + kind.label());
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for the {@code listening on port} line ({@link #watchStdout}); answers when it arrived (nanoTime). */
  long awaitListening(Duration limit) {
    try {
      long at = listening.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (at < 0) {
        process.waitFor(2, TimeUnit.SECONDS);
        throw new IllegalStateException(kind.label() + " ended before listening: " + tail());
      }
      return at;
    } catch (TimeoutException e) {
      throw new IllegalStateException(kind.label() + " did not print `listening on port` within " + limit + ": " + tail());
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
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
