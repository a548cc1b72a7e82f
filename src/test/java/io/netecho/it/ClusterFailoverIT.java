package io.netecho.it;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code java -jar target/net-echo.jar -cluster} nodes; one dies (SIGKILL) or freezes (SIGSTOP).
 * The survivor keeps echoing, without an error or a lost byte for the clients streaming to it while
 * the other dies, its {@code /stats} answers at once, and Hazelcast's heartbeat settings
 * (conf/cluster.xml) drop the lost member within seconds.
 */
@Timeout(120)
class ClusterFailoverIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final byte[] PREFIX = "Repeating: ".getBytes(StandardCharsets.UTF_8);
  /** Clients streaming to the survivor while the other node is killed. */
  private static final int STREAMERS = 4;

  private ServerProcess survivor;
  private ServerProcess lost;
  private int survivorAdmin;

  @AfterEach
  void stop() {
    for (ServerProcess p : new ServerProcess[] {lost, survivor}) {
      if (p != null) {
        p.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** Starts the survivor, then the node to lose, and waits until the survivor counts both. */
  private void startTwoNodes() throws Exception {
    int portA = freePort();
    int portB = freePort();
    Map<String, String> common = Map.of(
      "NETECHO_CLUSTER_NAME", "it-" + UUID.randomUUID(),
      "NETECHO_CLUSTER_MEMBERS", "127.0.0.1:" + portA + ",127.0.0.1:" + portB,
      "NETECHO_HOST", "127.0.0.1", "NETECHO_PORT", "0",
      "NETECHO_ADMIN_HOST", "127.0.0.1", "NETECHO_ADMIN_PORT", "0", "NETECHO_LOG_DATA", "false");
    survivor = node(common, portA);
    survivor.awaitListening();
    survivorAdmin = Integer.parseInt(survivor.await("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)", 60).group(1));
    lost = node(common, portB);
    lost.awaitListening();
    survivor.await("cluster member joined", 60);
    assertEquals(2, cluster().getInteger("members"));
  }

  private static ServerProcess node(Map<String, String> common, int clusterPort) throws IOException {
    Map<String, String> env = new HashMap<>(common);
    env.put("NETECHO_CLUSTER_PORT", Integer.toString(clusterPort));
    return ServerProcess.start(List.of(ServerProcess.javaBin(), "-jar", ServerProcess.JAR, "-cluster"), env);
  }

  /** The survivor's {@code /stats}. */
  private JsonObject stats() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + survivorAdmin + "/stats"))
      .timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  /** The cluster part of the survivor's {@code /stats}. */
  private JsonObject cluster() throws Exception {
    return stats().getJsonObject("cluster");
  }

  /** The survivor's own part of its {@code /stats}. */
  private JsonObject nodeStats() throws Exception {
    return stats().getJsonObject("node");
  }

  private void assertSurvivorAloneAndEchoing() throws Exception {
    assertEquals("Repeating: still here", FatJarIT.echo(survivor.awaitListening(), "still here"));
    JsonObject cluster = cluster();
    assertEquals(1, cluster.getInteger("members"), cluster.encodePrettily());
    assertEquals(1, cluster.getJsonArray("nodes").size());
    assertTrue(cluster.getJsonArray("missing").isEmpty(), cluster.encodePrettily());
    assertEquals(1, survivor.lines().stream().filter(l -> l.contains("listening on port")).count(), survivor.output());
  }

  @Test
  void aKilledNodeCostsTheSurvivorsStreamingClientsNoErrorAndNoByteAndIsDroppedFromItsStats() throws Exception {
    startTwoNodes();
    int echoPort = survivor.awaitListening();
    AtomicBoolean stop = new AtomicBoolean();
    List<Streamer> streamers = new ArrayList<>();
    for (int i = 0; i < STREAMERS; i++) {
      streamers.add(new Streamer(echoPort, i, stop));
    }
    try {
      for (Streamer streamer : streamers) {
        streamer.awaitRounds(20);
      }
      long[] roundsAtKill = streamers.stream().mapToLong(Streamer::rounds).toArray();
      long killed = System.nanoTime();
      lost.close();
      survivor.await("cluster member left", 30);
      System.out.printf("ClusterFailoverIT: killed member dropped after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
      for (int i = 0; i < STREAMERS; i++) {
        streamers.get(i).awaitRounds(roundsAtKill[i] + 20);
      }
      assertEquals(STREAMERS, nodeStats().getLong("activeConnections"), "the streamers, all still connected");
    } finally {
      stop.set(true);
    }
    long bytes = 0;
    for (Streamer streamer : streamers) {
      bytes += streamer.result.get(30, TimeUnit.SECONDS);
    }
    System.out.printf("ClusterFailoverIT: %d clients echoed %d bytes across the kill, every byte checked%n", STREAMERS, bytes);
    assertSurvivorAloneAndEchoing();
  }

  /**
   * A client doing request/response on the survivor until stopped: random chunks of 1 to 4096 bytes
   * (every byte value but 'R', which starts the prefix), each reply checked byte for byte, then its
   * FIN, and the server's FIN with nothing after the last reply. Completes with the bytes it checked,
   * or with the first error.
   */
  private static final class Streamer {

    private static final long MAX_ROUNDS = 1_000_000;

    final CompletableFuture<Long> result = new CompletableFuture<>();
    private final AtomicLong rounds = new AtomicLong();

    Streamer(int port, int seed, AtomicBoolean stop) {
      Thread thread = new Thread(() -> {
        try {
          result.complete(stream(port, new Random(seed), stop));
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      }, "streamer-" + seed);
      thread.setDaemon(true);
      thread.start();
    }

    long rounds() {
      return rounds.get();
    }

    /** Waits (at most 20 s) until this client has done {@code count} round trips; fails at once if it failed. */
    void awaitRounds(long count) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (rounds.get() < count) {
        if (result.isDone()) {
          result.get();
          throw new AssertionError("streamer stopped after " + rounds.get() + " rounds");
        }
        assertTrue(System.nanoTime() < deadline, "streamer did only " + rounds.get() + " rounds in 20 s");
        Thread.sleep(10);
      }
    }

    private long stream(int port, Random random, AtomicBoolean stop) throws IOException {
      long checked = 0;
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
        while (!stop.get() && rounds.get() < MAX_ROUNDS) {
          byte[] chunk = new byte[1 + random.nextInt(4096)];
          random.nextBytes(chunk);
          for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == 'R') {
              chunk[i] = 'r';
            }
          }
          out.write(chunk);
          readEcho(in, chunk);
          checked += chunk.length;
          rounds.incrementAndGet();
        }
        socket.shutdownOutput();
        int after = in.read();
        if (after != -1) {
          throw new AssertionError("a byte after the last reply: " + after);
        }
      }
      return checked;
    }

    /**
     * Reads the echo of {@code chunk}: the server answers each read it makes, so the echo is prefix +
     * piece, prefix + piece ..., the pieces adding up to the chunk. The chunk holds no 'R', so an 'R'
     * where a piece could go on starts the next prefix.
     */
    private static void readEcho(BufferedInputStream in, byte[] chunk) throws IOException {
      int got = 0;
      while (got < chunk.length) {
        byte[] prefix = in.readNBytes(PREFIX.length);
        if (!Arrays.equals(PREFIX, prefix)) {
          throw new AssertionError("expected the prefix at byte " + got + " of a " + chunk.length
            + "-byte chunk, got " + new String(prefix, StandardCharsets.ISO_8859_1));
        }
        int next;
        do {
          int b = in.read();
          if (b < 0) {
            throw new AssertionError("the server closed after " + got + " of " + chunk.length + " bytes");
          }
          if ((byte) b != chunk[got]) {
            throw new AssertionError("byte " + got + " of a " + chunk.length + "-byte chunk differs");
          }
          got++;
          next = -1;
          if (got < chunk.length) {
            in.mark(1);
            next = in.read();
            in.reset();
          }
        } while (got < chunk.length && next != 'R');
      }
    }
  }

  @Test
  void aFrozenNodeIsReportedMissingAtOnceAndDroppedAfterItsHeartbeatsStop() throws Exception {
    startTwoNodes();
    long frozen = System.nanoTime();
    signal("STOP", lost.pid());
    long asked = System.nanoTime();
    JsonObject during = cluster();
    long answeredMs = (System.nanoTime() - asked) / 1_000_000;
    assertEquals(1, during.getJsonArray("missing").size(), during.encodePrettily());
    assertTrue(answeredMs < 3_000, "/stats took " + answeredMs + " ms with a frozen member");
    survivor.await("cluster member left", 30);
    long droppedMs = (System.nanoTime() - frozen) / 1_000_000;
    System.out.printf("ClusterFailoverIT: frozen member dropped after %d ms; /stats answered in %d ms meanwhile%n",
      droppedMs, answeredMs);
    // 5 s without a heartbeat (conf/cluster.xml), plus the check's own period and a loaded machine's
    // scheduling; Hazelcast's default would take 60 s
    assertTrue(droppedMs < 10_000, "frozen member dropped after " + droppedMs + " ms");
    assertSurvivorAloneAndEchoing();
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
  }
}
