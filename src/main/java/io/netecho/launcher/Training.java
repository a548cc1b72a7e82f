package io.netecho.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of a class archive (Java 25's AOT cache, Java 17's class-data-sharing archive):
 * starts the server command it is given, serves it what a real start serves (echo connections with
 * a chunk, a larger chunk, FIN and close; the admin endpoint's probes, statistics and metrics), then
 * stops it with SIGTERM as an orchestrator would, so the JVM writes the archive as it exits.
 * <pre>java -cp net-echo.jar io.netecho.launcher.Training SERVER-COMMAND...</pre>
 * The server's own output is shown only when training fails; the exit code is the server's, or 1.
 */
public final class Training {

  private static final Pattern LISTENING = Pattern.compile(" - listening on port (\\d+)");
  private static final Pattern ADMIN = Pattern.compile("admin endpoint on http://([^:/]+):(\\d+)");
  private static final int TIMEOUT_MS = 60_000;

  private final Deque<String> lastLines = new ArrayDeque<>();
  private final CompletableFuture<Integer> echoPort = new CompletableFuture<>();
  private volatile String adminHost;
  private volatile int adminPort;

  private Training() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: java -cp net-echo.jar io.netecho.launcher.Training SERVER-COMMAND...");
      System.exit(2);
    }
    System.exit(new Training().run(Arrays.asList(args)));
  }

  private int run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // the user's NETECHO_* settings are not the training run's (they would outrank its -conf)
    builder.environment().keySet().removeIf(name -> name.startsWith("NETECHO_"));
    Process server = builder.start();
    Thread reader = new Thread(() -> read(server.getInputStream()), "training-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int port = echoPort.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      for (int i = 0; i < 4; i++) {
        echo(port, i);
      }
      if (adminPort > 0) {
        for (String path : List.of("/health", "/health/live", "/health/ready", "/stats", "/metrics")) {
          get(adminHost, adminPort, path);
        }
      }
    } catch (Exception e) {
      server.destroyForcibly();
      return failed("training run failed: " + e, server);
    }
    // SIGTERM: the graceful stop, after which the JVM writes the archive
    server.destroy();
    if (!server.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
      server.destroyForcibly();
      return failed("the training run did not stop within 60 s of SIGTERM", server);
    }
    reader.join(TIMEOUT_MS);
    return server.exitValue() == 0 ? 0 : failed("the training run exited " + server.exitValue(), server);
  }

  /** A client as Node's example sees one: a line, a larger chunk, then FIN; every reply read; close. */
  private static void echo(int port, int round) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] line = ("training " + round + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(line);
      readAtLeast(in, line.length);
      byte[] chunk = new byte[16 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      out.write(chunk);
      socket.shutdownOutput();
      // the replies, then the server's FIN
      while (in.read(chunk) >= 0) {
        // drained
      }
    }
  }

  private static void readAtLeast(InputStream in, int count) throws IOException {
    byte[] buffer = new byte[count + 64];
    int read = 0;
    while (read < count) {
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        throw new IOException("the server closed before replying");
      }
      read += n;
    }
  }

  private static void get(String host, int port, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
      byte[] answer = socket.getInputStream().readAllBytes();
      String status = new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII);
      if (!status.startsWith("HTTP/1.1 200")) {
        throw new IOException("GET " + path + " answered '" + status + "'");
      }
    }
  }

  private void read(InputStream output) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        synchronized (lastLines) {
          lastLines.addLast(line);
          if (lastLines.size() > 40) {
            lastLines.removeFirst();
          }
        }
        Matcher admin = ADMIN.matcher(line);
        if (admin.find()) {
          adminHost = admin.group(1);
          adminPort = Integer.parseInt(admin.group(2));
        }
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          echoPort.complete(Integer.parseInt(listening.group(1)));
        }
      }
    } catch (IOException e) {
      // the server is gone; its exit code tells the rest
    }
    echoPort.completeExceptionally(new IOException("the server exited before listening"));
  }

  private int failed(String reason, Process server) throws InterruptedException {
    server.waitFor(10, TimeUnit.SECONDS);
    synchronized (lastLines) {
      lastLines.forEach(System.err::println);
    }
    System.err.println("net-echo: " + reason);
    return 1;
  }
}
