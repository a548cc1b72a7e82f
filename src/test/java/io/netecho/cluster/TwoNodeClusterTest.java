package io.netecho.cluster;

import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two clustered nodes in this JVM (a cluster name of their own, TCP/IP join on 127.0.0.1): each
 * node's statistics, broadcasts and connection events reach the other.
 */
@Timeout(90)
class TwoNodeClusterTest {

  private static RunningNode a;
  private static RunningNode b;
  private static String idB;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    String name = "test-" + UUID.randomUUID();
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    a = RunningNode.clustered(name, portA, members, new JsonObject());
    b = RunningNode.clustered(name, portB, members, new JsonObject());
    idB = RunningNode.json(b.get("/health")).getString("node");
  }

  @AfterAll
  static void stopBoth() {
    for (RunningNode node : new RunningNode[] {b, a}) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** B's entry in A's {@code /stats}, after checking that both nodes answered. */
  private static JsonObject statsOfBSeenFromA() throws Exception {
    JsonObject cluster = RunningNode.json(a.get("/stats")).getJsonObject("cluster");
    assertEquals(2, cluster.getInteger("members"), cluster.encodePrettily());
    assertEquals(new JsonArray(), cluster.getJsonArray("missing"));
    return cluster.getJsonArray("nodes").stream().map(JsonObject.class::cast)
      .filter(node -> idB.equals(node.getString("node"))).findFirst()
      .orElseThrow(() -> new AssertionError("no entry for B in " + cluster.encodePrettily()));
  }

  @Test
  void statsOnOneNodeCountAConnectionOnTheOther() throws Exception {
    JsonObject before = statsOfBSeenFromA();
    try (Socket client = b.connect()) {
      RunningNode.exchange(client, "counted on B");
      JsonObject after = statsOfBSeenFromA();
      assertEquals(before.getLong("totalConnections") + 1, after.getLong("totalConnections"));
      assertEquals(before.getLong("activeConnections") + 1, after.getLong("activeConnections"));
      assertEquals(before.getLong("replies") + 1, after.getLong("replies"));
    }
  }

  @Test
  void theClusterTotalIsTheSumOfTheNodes() throws Exception {
    try (Socket onA = a.connect(); Socket onB = b.connect()) {
      RunningNode.exchange(onA, "a");
      RunningNode.exchange(onB, "b");
      JsonObject cluster = RunningNode.json(b.get("/stats")).getJsonObject("cluster");
      assertEquals(2, cluster.getJsonArray("nodes").size());
      JsonObject total = cluster.getJsonObject("total");
      JsonObject first = cluster.getJsonArray("nodes").getJsonObject(0);
      // every counter of a node, the TCP ones and the UDP ones, is summed
      for (String field : first.fieldNames()) {
        if (first.getValue(field) instanceof Number) {
          long sum = cluster.getJsonArray("nodes").stream().map(JsonObject.class::cast)
            .mapToLong(node -> node.getLong(field)).sum();
          assertEquals(sum, total.getLong(field), field + " in " + cluster.encodePrettily());
        }
      }
      assertTrue(total.containsKey("udpDatagrams"), total.encode());
    }
  }

  @Test
  void aClientOnOneNodeGetsABroadcastSentThroughTheOther() throws Exception {
    try (Socket client = a.connect()) {
      RunningNode.exchange(client, "listening on A");
      HttpResponse<String> response = b.post("/broadcast", "from B", "Authorization", "Bearer " + RunningNode.TOKEN);
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("from B", new String(client.getInputStream().readNBytes(6), StandardCharsets.UTF_8));
      JsonObject answer = RunningNode.json(response);
      assertEquals(2, answer.getInteger("nodes"), response.body());
      assertTrue(answer.getInteger("received") >= 1, response.body());
    }
  }

  @Test
  void connectionEventsOfOneNodeReachAConsumerOnTheOther() throws Exception {
    CompletableFuture<Void> reachable = new CompletableFuture<>();
    CompletableFuture<JsonObject> connected = new CompletableFuture<>();
    CompletableFuture<JsonObject> closed = new CompletableFuture<>();
    String[] peer = new String[1];
    var consumer = a.vertx.eventBus().<JsonObject>consumer(ConnectionEventPublisher.ADDRESS, m -> {
      JsonObject event = m.body();
      if ("probe".equals(event.getString("event"))) {
        reachable.complete(null);
      } else if (idB.equals(event.getString("node")) && event.getString("remote").equals(peer[0])) {
        (event.getString("event").equals("connected") ? connected : closed).complete(event);
      }
    });
    consumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    // B learns of A's new consumer asynchronously: a publish that races the registration finds no
    // subscriber. Wait until B's publishes reach A before connecting.
    long probing = b.vertx.setPeriodic(0, 100,
      id -> b.vertx.eventBus().publish(ConnectionEventPublisher.ADDRESS, new JsonObject().put("event", "probe")));
    try {
      reachable.get(10, TimeUnit.SECONDS);
    } finally {
      b.vertx.cancelTimer(probing);
    }
    try (Socket probe = new Socket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", 0));
      peer[0] = "127.0.0.1:" + probe.getLocalPort();
      probe.connect(new InetSocketAddress("127.0.0.1", b.echoPort));
      probe.setSoTimeout(10_000);
      RunningNode.exchange(probe, "watched from A");
      assertEquals("connected", connected.get(10, TimeUnit.SECONDS).getString("event"));
    }
    JsonObject afterClose = closed.get(10, TimeUnit.SECONDS);
    assertTrue(List.of("end", "close").contains(afterClose.getString("event")), afterClose.encode());
    consumer.unregister();
  }
}
