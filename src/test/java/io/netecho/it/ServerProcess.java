package io.netecho.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** net-echo started as a real process, as a user starts it, with its output (stdout and stderr) read line by line. */
final class ServerProcess implements AutoCloseable {

  static final Path ROOT = Path.of(System.getProperty("netecho.root", ".")).toAbsolutePath().normalize();
  static final String JAR = ROOT.resolve("target/net-echo.jar").toString();

  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Map<Pattern, CompletableFuture<Matcher>> waiters = new ConcurrentHashMap<>();
  /** Waiters for the index of a matching line; each sees only lines logged after it was added. */
  private final Map<Pattern, CompletableFuture<Integer>> lineWaiters = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  private ServerProcess(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("NETECHO_"));
    builder.environment().putAll(env);
    process = builder.start();
    Thread reader = new Thread(this::pump, "output of " + command.get(command.size() > 3 ? 3 : 0));
    reader.setDaemon(true);
    reader.start();
  }

  static ServerProcess start(List<String> command) throws IOException {
    return new ServerProcess(command, Map.of());
  }

  static ServerProcess start(List<String> command, Map<String, String> env) throws IOException {
    return new ServerProcess(command, env);
  }

  /** {@code java -jar target/net-echo.jar} with the given arguments. */
  static ServerProcess jar(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR));
    command.addAll(List.of(args));
    return start(command);
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void pump() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        String text = line;
        int index = lines.size() - 1;
        lineWaiters.forEach((pattern, waiter) -> {
          if (pattern.matcher(text).find()) {
            waiter.complete(index);
          }
        });
        waiters.forEach((pattern, waiter) -> {
          Matcher m = pattern.matcher(text);
          if (m.find()) {
            waiter.complete(m);
          }
        });
      }
    } catch (IOException ignored) {
      // the process ended; ended completes below
    } finally {
      ended.complete(null);
      waiters.values().forEach(w -> w.completeExceptionally(new AssertionError("process ended; output:\n" + output())));
      lineWaiters.values().forEach(w -> w.completeExceptionally(new AssertionError("process ended; output:\n" + output())));
    }
  }

  /** The first output line matching the pattern, waiting for it when it has not come yet. */
  Matcher await(String regex, long seconds) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    CompletableFuture<Matcher> waiter = new CompletableFuture<>();
    waiters.put(pattern, waiter);
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        waiter.complete(m);
      }
    }
    if (ended.isDone() && !waiter.isDone()) {
      throw new AssertionError("no line matching " + regex + "; output:\n" + output());
    }
    try {
      return waiter.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no line matching " + regex + " within " + seconds + " s; output:\n" + output());
    }
  }

  /**
   * The index of the first output line at or after {@code from} matching the pattern, waiting for it
   * when it has not come yet: for a line that recurs, the one a test's own action caused.
   */
  int awaitLine(int from, String regex, long seconds) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    CompletableFuture<Integer> waiter = new CompletableFuture<>();
    lineWaiters.put(pattern, waiter);
    try {
      List<String> seen = lines();
      for (int i = from; i < seen.size(); i++) {
        if (pattern.matcher(seen.get(i)).find()) {
          return i;
        }
      }
      if (ended.isDone() && !waiter.isDone()) {
        throw new AssertionError("no line matching " + regex + "; output:\n" + output());
      }
      return waiter.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no line matching " + regex + " within " + seconds + " s; output:\n" + output());
    } finally {
      lineWaiters.remove(pattern);
    }
  }

  /** Waits for the "listening on port N" line and answers N. */
  int awaitListening() throws Exception {
    return Integer.parseInt(await(LISTENING.pattern(), 60).group(1));
  }

  /** SIGTERM, as a service manager stops a service. */
  void terminate() {
    process.destroy();
  }

  /**
   * SIGTERM sent with kill(1) (procps): unlike {@link #terminate}, whose {@link Process#destroy} closes
   * our end of the output, it leaves what the process says while it stops readable.
   */
  void terminateAndKeepReading() throws Exception {
    Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -TERM " + process.pid() + " failed: " + new String(kill.getInputStream().readAllBytes()));
    }
  }

  int awaitExit(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + seconds + " s; output:\n" + output());
    }
    ended.get(5, TimeUnit.SECONDS);
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  String output() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
