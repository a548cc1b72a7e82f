package io.netecho.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts the servers under test as separate processes, each pinned to the server CPU: net-echo from
 * its fat jar (as {@link Launch} says), the raw Netty and plain Vert.x references from the bench
 * classpath, the Node reference from {@code src/bench/node/echo-server.js}.
 */
final class Servers {

  private final Path root;
  private final Path logs;
  private final String serverCpus;
  private final String node;
  private final List<String> netEchoJavaOpts;
  private final Set<ServerProcess> live = ConcurrentHashMap.newKeySet();

  Servers(Path root, Path logs, String serverCpus, String node, List<String> netEchoJavaOpts) {
    this.root = root;
    this.logs = logs;
    this.serverCpus = serverCpus;
    this.node = node;
    this.netEchoJavaOpts = netEchoJavaOpts;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> live.forEach(ServerProcess::close)));
  }

  boolean hasNode() {
    return node != null;
  }

  /** {@code BENCH_JAVA17}, set by scripts/bench when it runs on Java 25 and a Java 17 is installed. */
  boolean hasJava17() {
    return System.getenv("BENCH_JAVA17") != null;
  }

  /** How net-echo is started; the references always start the same way. */
  enum Launch {
    /** As the bench measures it: scripts/run's JVM flags, {@code -instances 1 -conf} with the bench's settings. */
    BENCH,
    /** {@code java -jar target/net-echo.jar}: no flags, default settings but loopback and free ports. */
    JAR,
    /** {@code scripts/run}: its flags and instances, the same settings as {@link #JAR}. */
    RUN
  }

  /** What one run needs of a server. */
  record Setup(String prefix, Launch launch, List<String> jvmArgs) {
    static Setup of(String prefix) {
      return new Setup(prefix, Launch.BENCH, List.of());
    }
  }

  /** Starts a server on a free port, stdout to /dev/null, and waits until it accepts connections. */
  ServerProcess start(Server kind, String name, Setup setup) throws IOException {
    ServerProcess server = launch(kind, name, setup, false);
    try {
      server.awaitAccepting(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      stop(server);
      throw e;
    }
    return server;
  }

  /**
   * Starts a server on a free port and waits for its {@code listening on port} line, without a
   * connection: the server has served no one yet. Its stdout is read (and discarded) by this JVM.
   */
  ServerProcess startAnnounced(Server kind, String name, Setup setup) throws IOException {
    ServerProcess server = launch(kind, name, setup, true);
    try {
      server.awaitListening(Duration.ofSeconds(30));
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

  private ServerProcess launch(Server kind, String name, Setup setup, boolean readStdout) throws IOException {
    int port = freePort();
    Path stderr = logs.resolve(name + ".stderr");
    ProcessBuilder builder = builder(kind, name, port, setup)
      .redirectOutput(readStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD)
      .redirectError(stderr.toFile());
    long started = System.nanoTime();
    ServerProcess server = new ServerProcess(kind, builder.start(), port, stderr, started);
    live.add(server);
    if (readStdout) {
      server.watchStdout();
    }
    return server;
  }

  private ProcessBuilder builder(Server kind, String name, int port, Setup setup) throws IOException {
    List<String> command = new ArrayList<>();
    if (serverCpus != null) {
      command.addAll(List.of("taskset", "-c", serverCpus));
    }
    ProcessBuilder builder = new ProcessBuilder().directory(root.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("NETECHO_") || key.startsWith("NODE_ECHO_")
      || key.equals("JAVA_TOOL_OPTIONS") || key.equals("JAVA_OPTS"));
    switch (kind.program()) {
      case NET_ECHO -> {
        switch (setup.launch()) {
          case BENCH -> {
            Path conf = logs.resolve(name + ".json");
            Files.writeString(conf, netEchoConf(port, setup, kind.logging()));
            if (kind.java17()) {
              command.add(System.getenv("BENCH_JAVA17"));
              command.addAll(javaOpts("BENCH_JAVA17_OPTS"));
            } else {
              command.add(javaBinary());
              command.addAll(netEchoJavaOpts);
            }
            command.addAll(setup.jvmArgs());
            command.addAll(List.of("-jar", root.resolve("target/net-echo.jar").toString(), "-instances", "1",
              "-conf", conf.toString()));
          }
          case JAR -> {
            command.add(javaBinary());
            command.addAll(setup.jvmArgs());
            command.addAll(List.of("-jar", root.resolve("target/net-echo.jar").toString()));
          }
          case RUN -> command.add(root.resolve("scripts/run").toString());
          default -> throw new IllegalArgumentException(setup.launch().toString());
        }
        if (setup.launch() != Launch.BENCH) {
          // the user's defaults (conf/config.json) but loopback, free ports and the prefix of the run
          env.put("NETECHO_HOST", "127.0.0.1");
          env.put("NETECHO_PORT", Integer.toString(port));
          env.put("NETECHO_ADMIN_PORT", Integer.toString(freePort()));
          env.put("NETECHO_REPLY_PREFIX", setup.prefix());
          if (!kind.logging()) {
            env.put("NETECHO_LOG_DATA", "false");
          }
        }
      }
      case RAW_NETTY, PLAIN_VERTX -> {
        command.add(javaBinary());
        command.addAll(referenceJavaOpts());
        command.addAll(setup.jvmArgs());
        Class<?> main = kind.program() == Server.Program.RAW_NETTY ? RawNettyEcho.class : PlainVertxEcho.class;
        command.addAll(List.of("-cp", referenceClasspath(), main.getName(),
          Integer.toString(port), setup.prefix()));
      }
      case NODE -> {
        if (node == null) {
          throw new IllegalStateException("node is not installed");
        }
        command.addAll(List.of(node, root.resolve("src/bench/node/echo-server.js").toString()));
        env.put("NODE_ECHO_PORT", Integer.toString(port));
        env.put("NODE_ECHO_PREFIX", setup.prefix());
        env.put("NODE_ECHO_LOG", kind.logging() ? "1" : "0");
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
    return builder.command(command);
  }

  /** net-echo's settings for a run: loopback, one port, admin off, no drain wait. */
  private static String netEchoConf(int port, Setup setup, boolean logData) {
    return "{\n"
      + "  \"host\": \"127.0.0.1\",\n"
      + "  \"port\": " + port + ",\n"
      + "  \"reply\": {\"prefix\": \"" + setup.prefix().replace("\\", "\\\\").replace("\"", "\\\"") + "\"},\n"
      + "  \"log\": {\"data\": " + logData + "},\n"
      + "  \"admin\": {\"enabled\": false},\n"
      + "  \"shutdownGraceSeconds\": 0\n"
      + "}\n";
  }

  /**
   * The bench classes with Netty, Vert.x core and Jackson core: what an application of the plain
   * Vert.x echo would carry (none of net-echo's other libraries, nor the load generator's).
   */
  private static String referenceClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
      .filter(entry -> {
        String name = Path.of(entry).getFileName().toString();
        return !entry.endsWith(".jar") || name.startsWith("netty-") || name.startsWith("vertx-core-")
          || name.startsWith("jackson-core-");
      })
      .collect(Collectors.joining(File.pathSeparator));
  }

  /** {@code BENCH_REFERENCE_JAVA_OPTS}: flags for the Java references, to profile them as net-echo is. */
  private static List<String> referenceJavaOpts() {
    return javaOpts("BENCH_REFERENCE_JAVA_OPTS");
  }

  /** The flags in environment variable {@code name}, split at whitespace. */
  private static List<String> javaOpts(String name) {
    String opts = System.getenv(name);
    return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
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
