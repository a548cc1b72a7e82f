package io.netecho.it;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code java -jar target/net-echo.jar -cluster} nodes; one dies (SIGKILL) or freezes (SIGSTOP).
 * The survivor keeps echoing, its {@code /stats} answers at once, and Hazelcast's heartbeat settings
 * (conf/cluster.xml) drop the lost member within seconds.
 */
@Timeout(120)
class ClusterFailoverIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

  /** The cluster part of the survivor's {@code /stats}. */
  private JsonObject cluster() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + survivorAdmin + "/stats"))
      .timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body()).getJsonObject("cluster");
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
  void aKilledNodeLeavesTheSurvivorEchoingAndIsDroppedFromItsStats() throws Exception {
    startTwoNodes();
    long killed = System.nanoTime();
    lost.close();
    survivor.await("cluster member left", 30);
    System.out.printf("ClusterFailoverIT: killed member dropped after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
    assertSurvivorAloneAndEchoing();
  }

  @Test
  void aFrozenNodeIsReportedMissingAtOnceAndDroppedWithinSevenSeconds() throws Exception {
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
    assertTrue(droppedMs < 7_000, "frozen member dropped after " + droppedMs + " ms");
    assertSurvivorAloneAndEchoing();
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
  }
}
