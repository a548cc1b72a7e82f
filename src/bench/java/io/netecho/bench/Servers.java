package io.netecho.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Starts the servers under test as separate processes, each pinned to the server CPU: net-echo from
 * its fat jar with {@code -instances 1 -conf}, the raw Netty reference from the bench classpath,
 * the Node reference from {@code src/bench/node/echo-server.js}.
 */
final class Servers {

  private final Path root;
  private final Path logs;
  private final String serverCpus;
  private final String allCpus;
  private final String node;
  private final List<String> netEchoJavaOpts;
  private final Set<ServerProcess> live = ConcurrentHashMap.newKeySet();

  Servers(Path root, Path logs, String serverCpus, String allCpus, String node, List<String> netEchoJavaOpts) {
    this.root = root;
    this.logs = logs;
    this.serverCpus = serverCpus;
    this.allCpus = allCpus;
    this.node = node;
    this.netEchoJavaOpts = netEchoJavaOpts;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> live.forEach(ServerProcess::close)));
  }

  boolean hasNode() {
    return node != null;
  }

  /** What one run needs of a server. */
  record Setup(String prefix, boolean logData, List<String> jvmArgs) {
    static Setup of(String prefix, boolean logData) {
      return new Setup(prefix, logData, List.of());
    }
  }

  /** Starts a server on a free port, stdout to /dev/null, and waits until it accepts connections. */
  ServerProcess start(Server kind, String name, Setup setup) throws IOException {
    int port = freePort();
    Path stderr = logs.resolve(name + ".stderr");
    ProcessBuilder builder = builder(kind, name, port, setup, serverCpus)
      .redirectOutput(ProcessBuilder.Redirect.DISCARD)
      .redirectError(stderr.toFile());
    ServerProcess server = new ServerProcess(kind, builder.start(), port, stderr);
    live.add(server);
    try {
      server.awaitAccepting(java.time.Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      stop(server);
      throw e;
    }
    return server;
  }

  void stop(ServerProcess server) {
    server.close();
    live.remove(server);
  }

  /** Seconds from process start to its {@code listening on port} line; pinned to the server CPU or not. */
  double secondsToListening(Server kind, boolean pinned) throws IOException {
    int port = freePort();
    Path stderr = logs.resolve("startup-" + kind.name().toLowerCase() + ".stderr");
    ProcessBuilder builder = builder(kind, "startup", port, Setup.of("Repeating: ", false), pinned ? serverCpus : allCpus)
      .redirectErrorStream(false)
      .redirectError(stderr.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    ServerProcess server = new ServerProcess(kind, process, port, stderr);
    live.add(server);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.contains("listening on port")) {
          return (System.nanoTime() - started) / 1e9;
        }
      }
      throw new IllegalStateException(kind.label() + " ended before listening: " + server.tail());
    } finally {
      stop(server);
    }
  }

  private ProcessBuilder builder(Server kind, String name, int port, Setup setup, String cpus) throws IOException {
    List<String> command = new ArrayList<>();
    if (cpus != null) {
      command.addAll(List.of("taskset", "-c", cpus));
    }
    ProcessBuilder builder = new ProcessBuilder().directory(root.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("NETECHO_") || key.startsWith("NODE_ECHO_") || key.equals("JAVA_TOOL_OPTIONS"));
    switch (kind) {
      case NET_ECHO -> {
        Path conf = logs.resolve(name + ".json");
        Files.writeString(conf, netEchoConf(port, setup));
        command.add(javaBinary());
        command.addAll(netEchoJavaOpts);
        command.addAll(setup.jvmArgs());
        command.addAll(List.of("-jar", root.resolve("target/net-echo.jar").toString(), "-instances", "1", "-conf", conf.toString()));
      }
      case RAW_NETTY -> {
        command.add(javaBinary());
        command.addAll(setup.jvmArgs());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawNettyEcho.class.getName(),
          Integer.toString(port), setup.prefix()));
      }
      case NODE -> {
        if (node == null) {
          throw new IllegalStateException("node is not installed");
        }
        command.addAll(List.of(node, root.resolve("src/bench/node/echo-server.js").toString()));
        env.put("NODE_ECHO_PORT", Integer.toString(port));
        env.put("NODE_ECHO_PREFIX", setup.prefix());
        env.put("NODE_ECHO_LOG", setup.logData() ? "1" : "0");
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
    return builder.command(command);
  }

  /** net-echo's settings for a run: loopback, one port, admin off, no drain wait. */
  private static String netEchoConf(int port, Setup setup) {
    return "{\n"
      + "  \"host\": \"127.0.0.1\",\n"
      + "  \"port\": " + port + ",\n"
      + "  \"reply\": {\"prefix\": \"" + setup.prefix().replace("\\", "\\\\").replace("\"", "\\\"") + "\"},\n"
      + "  \"log\": {\"data\": " + setup.logData() + "},\n"
      + "  \"admin\": {\"enabled\": false},\n"
      + "  \"shutdownGraceSeconds\": 0\n"
      + "}\n";
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A free port below the kernel's ephemeral range, so no client socket of the load generator
   * (nor one of its TIME_WAIT leftovers) can ever hold it.
   */
  static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20000 + ThreadLocalRandom.current().nextInt(12000);
      try (ServerSocketChannel probe = ServerSocketChannel.open()) {
        probe.bind(new InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new UncheckedIOException(new IOException("no free port in 20000..31999"));
  }

  /** Runs a short command and answers its output (stdout and stderr), or null when it cannot run. */
  static String output(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0 ? text : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
