import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The soak: starts net-echo from the fat jar and keeps a mix of clients on it for a fixed time —
 * well-behaved ones checking every byte, half-closers, slow readers, idle ones, resetters and
 * churn — while sampling the server's memory, file descriptors and threads. It ends by itself and
 * exits non-zero when a well-behaved client lost or got a wrong byte, or the server died.
 *
 * <p>Run through {@code scripts/soak}: a single-file program on the JDK alone, so it needs no
 * build and never ships in the jar.
 */
public final class Soak {

  private static final byte[] PREFIX = "Repeating: ".getBytes(StandardCharsets.UTF_8);
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final int durationSeconds;
  private final int connections;
  private final Path jar;
  private final Path serverLog;
  private final long deadline;

  private final AtomicLong served = new AtomicLong();
  private final AtomicLong bytesEchoed = new AtomicLong();
  private final AtomicLong bytesLost = new AtomicLong();
  private final AtomicLong clientErrors = new AtomicLong();
  private final List<String> firstProblems = new ArrayList<>();
  private final LongAccumulator peakRss = new LongAccumulator(Math::max, 0);
  private final LongAccumulator peakFds = new LongAccumulator(Math::max, 0);
  private final LongAccumulator peakThreads = new LongAccumulator(Math::max, 0);

  private Soak(int durationSeconds, int connections, Path jar, Path serverLog) {
    this.durationSeconds = durationSeconds;
    this.connections = connections;
    this.jar = jar;
    this.serverLog = serverLog;
    this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
  }

  public static void main(String[] args) throws Exception {
    int duration = 300;
    int connections = 2_000;
    Path jar = Path.of("target/net-echo.jar");
    Path log = Path.of("target/soak-server.log");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--duration" -> duration = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--server-log" -> log = Path.of(args[++i]);
        default -> {
          System.err.println("usage: scripts/soak [--duration SECONDS] [--connections N]");
          System.exit(2);
        }
      }
    }
    if (duration < 1 || duration > 3_600 || connections < 6 || connections > 10_000) {
      System.err.println("soak: --duration must be 1..3600 s and --connections 6..10000");
      System.exit(2);
    }
    System.exit(new Soak(duration, connections, jar, log).run());
  }

  private int run() throws Exception {
    Process server = startServer();
    long pid = server.pid();
    int port = awaitPort(server);
    Sample start = Sample.of(pid);
    System.out.printf("soak: %d connections for %d s against pid %d, port %d%n", connections, durationSeconds, pid, port);

    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      long seed = i;
      // Small stacks: thousands of blocking clients, each needs little.
      Thread client = new Thread(null, () -> runClient(kind, port, seed), kind + "-" + i, 256 * 1024);
      client.setDaemon(true);
      clients.add(client);
      client.start();
    }

    long nextReport = System.nanoTime();
    while (System.nanoTime() < deadline && server.isAlive()) {
      Sample now = Sample.of(pid);
      peakRss.accumulate(now.rssKiB);
      peakFds.accumulate(now.fds);
      peakThreads.accumulate(now.threads);
      if (System.nanoTime() >= nextReport) {
        System.out.printf("  %4d s  served %7d  echoed %6d MiB  lost %d  rss %4d MiB  fds %5d  threads %3d%n",
          durationSeconds - TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()), served.get(),
          bytesEchoed.get() >> 20, bytesLost.get(), now.rssKiB >> 10, now.fds, now.threads);
        nextReport += TimeUnit.SECONDS.toNanos(10);
      }
      Thread.sleep(1_000);
    }
    for (Thread client : clients) {
      client.join(TimeUnit.SECONDS.toMillis(40));
    }
    boolean serverAlive = server.isAlive();
    Sample end = serverAlive ? Sample.of(pid) : Sample.NONE;
    server.destroy();
    boolean cleanExit = server.waitFor(30, TimeUnit.SECONDS) && server.exitValue() == 0;
    long serverErrors = countServerErrors();

    System.out.println();
    System.out.println("| measure | value |");
    System.out.println("| --- | --- |");
    row("duration", durationSeconds + " s");
    row("concurrent clients", Integer.toString(connections));
    row("connections served", Long.toString(served.get()));
    row("bytes echoed and verified", String.format(Locale.ROOT, "%,d", bytesEchoed.get()));
    row("bytes lost or misordered (well-behaved clients)", Long.toString(bytesLost.get()));
    row("client-side errors (resets seen by well-behaved clients)", Long.toString(clientErrors.get()));
    row("server ERROR lines / stack traces", Long.toString(serverErrors));
    row("server RSS start / peak / end", (start.rssKiB >> 10) + " / " + (peakRss.get() >> 10) + " / " + (end.rssKiB >> 10) + " MiB");
    row("server open fds start / peak / end", start.fds + " / " + peakFds.get() + " / " + end.fds);
    row("server threads start / peak / end", start.threads + " / " + peakThreads.get() + " / " + end.threads);
    row("server alive at the end, exit 0 on SIGTERM", serverAlive + ", " + cleanExit);
    synchronized (firstProblems) {
      firstProblems.forEach(p -> System.out.println("problem: " + p));
    }
    boolean ok = bytesLost.get() == 0 && serverAlive && cleanExit && serverErrors == 0;
    System.out.println(ok ? "soak: PASSED" : "soak: FAILED");
    return ok ? 0 : 1;
  }

  private static void row(String name, String value) {
    System.out.println("| " + name + " | " + value + " |");
  }

  private Process startServer() throws IOException {
    String conf = "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},\"log\":{\"data\":false},"
      + "\"idleTimeoutSeconds\":20,\"shutdownGraceSeconds\":10}";
    Files.createDirectories(serverLog.toAbsolutePath().getParent());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // the same JVM flags as scripts/run: conf/jvm.options, then JAVA_OPTS
    try (Stream<String> lines = Files.lines(Path.of("conf/jvm.options"))) {
      lines.map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(command::add);
    }
    String javaOpts = System.getenv("JAVA_OPTS");
    if (javaOpts != null && !javaOpts.isBlank()) {
      command.addAll(List.of(javaOpts.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "-instances", "2", "-conf", conf));
    return new ProcessBuilder(command)
      .redirectErrorStream(true)
      .redirectOutput(serverLog.toFile())
      .start();
  }

  private int awaitPort(Process server) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until && server.isAlive()) {
      try (BufferedReader reader = Files.newBufferedReader(serverLog)) {
        String line;
        while ((line = reader.readLine()) != null) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            return Integer.parseInt(m.group(1));
          }
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the server did not start; see " + serverLog);
  }

  private long countServerErrors() throws IOException {
    try (Stream<String> lines = Files.lines(serverLog)) {
      return lines.filter(l -> l.contains(" ERROR ") || l.trim().startsWith("at ")).count();
    }
  }

  private boolean running() {
    return System.nanoTime() < deadline;
  }

  private void problem(String what) {
    synchronized (firstProblems) {
      if (firstProblems.size() < 10) {
        firstProblems.add(what);
      }
    }
  }

  /** The behaviours a client slot keeps repeating until the deadline. */
  private enum Kind { STREAMER, HALF_CLOSER, SLOW_READER, IDLE, RESETTER, CHURN }

  private void runClient(Kind kind, int port, long seed) {
    Random random = new Random(seed);
    // Spread the connects over the first seconds instead of one burst.
    sleepQuietly(random.nextInt(3_000));
    while (running()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        served.incrementAndGet();
        switch (kind) {
          case STREAMER -> stream(socket, random);
          case HALF_CLOSER -> halfClose(socket, random);
          case SLOW_READER -> slowRead(socket, random);
          case IDLE -> idle(socket);
          case RESETTER -> reset(socket, random);
          case CHURN -> churn(socket, random);
        }
        if (kind == Kind.CHURN || kind == Kind.RESETTER) {
          // users come back after a moment; with no pause at all, 2 000 of them are a flood that
          // only maxConnections can hold (each closed connection still costs the server a close)
          sleepQuietly(100 + random.nextInt(200));
        }
      } catch (IOException e) {
        if (kind != Kind.RESETTER && kind != Kind.IDLE && running()) {
          clientErrors.incrementAndGet();
          problem(kind + ": " + e);
        }
        sleepQuietly(100);
      }
    }
  }

  /** Request/response with random sizes; every reply must be prefix + exactly what was sent. */
  private void stream(Socket socket, Random random) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    for (int i = 0; i < 200 && running(); i++) {
      byte[] message = new byte[1 + random.nextInt(16 * 1024)];
      random.nextBytes(message);
      out.write(message);
      expect(in, message);
      sleepQuietly(random.nextInt(50));
    }
  }

  /** Sends, half-closes, and must still read the last reply, then the server's FIN. */
  private void halfClose(Socket socket, Random random) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    int messages = 1 + random.nextInt(20);
    byte[] message = null;
    for (int i = 0; i < messages; i++) {
      message = new byte[1 + random.nextInt(2048)];
      random.nextBytes(message);
      out.write(message);
      // one message per chunk: wait for each reply before the next, except the last
      if (i < messages - 1) {
        expect(in, message);
      }
    }
    socket.shutdownOutput();
    expect(in, message);
    if (in.read() != -1) {
      lose(1, "half-closer: bytes after the last reply");
    }
  }

  /** Sends 1 MiB without reading, then reads it all: backpressure must lose nothing. */
  private void slowRead(Socket socket, Random random) throws IOException {
    byte[] block = new byte[64 * 1024];
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    OutputStream out = socket.getOutputStream();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        for (int i = 0; i < 16; i++) {
          random.nextBytes(block);
          synchronized (sent) {
            sent.write(block);
          }
          out.write(block);
        }
        socket.shutdownOutput();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    sleepQuietly(2_000);
    // Prefixes land wherever the server's chunks began: strip them by walking the stream.
    byte[] echoed = socket.getInputStream().readAllBytes();
    writer.join();
    byte[] expected;
    synchronized (sent) {
      expected = sent.toByteArray();
    }
    long verified = verifyPrefixed(echoed, expected);
    if (verified < 0) {
      lose(expected.length, "slow reader: echo differs from what was sent");
    } else {
      bytesEchoed.addAndGet(verified);
    }
  }

  private void idle(Socket socket) throws IOException {
    // the server's idle timeout ends this connection; the slot then reconnects
    try {
      if (socket.getInputStream().read() != -1) {
        lose(1, "idle: unexpected bytes");
      }
    } catch (SocketTimeoutException stillOpen) {
      // the soak ended before the idle timeout
    }
  }

  private void reset(Socket socket, Random random) throws IOException {
    byte[] message = new byte[1 + random.nextInt(64 * 1024)];
    random.nextBytes(message);
    socket.getOutputStream().write(message);
    sleepQuietly(random.nextInt(20));
    socket.setSoLinger(true, 0);
  }

  private void churn(Socket socket, Random random) throws IOException {
    byte[] message = new byte[1 + random.nextInt(512)];
    random.nextBytes(message);
    socket.getOutputStream().write(message);
    expect(socket.getInputStream(), message);
  }

  /** Reads one reply, prefix + message, and counts it verified or lost. */
  private void expect(InputStream in, byte[] message) throws IOException {
    byte[] reply = in.readNBytes(PREFIX.length + message.length);
    byte[] expected = concat(PREFIX, message);
    if (Arrays.equals(reply, expected)) {
      bytesEchoed.addAndGet(message.length);
    } else {
      lose(message.length, Thread.currentThread().getName() + ": reply differs (" + reply.length + " of "
        + expected.length + " bytes)");
      throw new IOException("desynchronised");
    }
  }

  /**
   * Checks an echo made of prefix + chunk pieces (the server's chunking is its own) against the
   * sent bytes; answers the payload length, or -1. Random payloads hold the 11-byte prefix with
   * negligible probability, so splitting on it is safe here.
   */
  private static long verifyPrefixed(byte[] echoed, byte[] sent) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream(sent.length);
    int at = 0;
    while (at < echoed.length) {
      if (!startsWithPrefix(echoed, at)) {
        return -1;
      }
      int from = at + PREFIX.length;
      int next = from;
      while (next < echoed.length && !startsWithPrefix(echoed, next)) {
        next++;
      }
      payload.write(echoed, from, next - from);
      at = next;
    }
    return Arrays.equals(payload.toByteArray(), sent) ? sent.length : -1;
  }

  private static boolean startsWithPrefix(byte[] data, int at) {
    return at + PREFIX.length <= data.length && Arrays.equals(data, at, at + PREFIX.length, PREFIX, 0, PREFIX.length);
  }

  private void lose(long bytes, String why) {
    bytesLost.addAndGet(bytes);
    problem(why);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server's RSS, open file descriptors and threads, read from /proc. */
  private record Sample(long rssKiB, long fds, long threads) {

    static final Sample NONE = new Sample(0, 0, 0);

    static Sample of(long pid) {
      try {
        long rss = 0;
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            rss = Long.parseLong(line.replaceAll("\\D", ""));
          } else if (line.startsWith("Threads:")) {
            threads = Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
          return new Sample(rss, fds.count(), threads);
        }
      } catch (IOException gone) {
        return NONE;
      }
    }
  }

}
