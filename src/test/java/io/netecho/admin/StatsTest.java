package io.netecho.admin;

import io.netecho.cluster.ConnectionEventPublisher;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code GET /stats} on a node of its own. */
@Timeout(30)
class StatsTest extends NodeTest {


  private JsonObject stats() throws Exception {
    return Node.json(node.get("/stats")).getJsonObject("node");
  }

  @Test
  void statsFollowTheOpenConnections() throws Exception {
    node = Node.start(new JsonObject());
    CompletableFuture<JsonObject> closed = new CompletableFuture<>();
    node.vertx.eventBus().<JsonObject>consumer(ConnectionEventPublisher.ADDRESS, m -> {
      if ("close".equals(m.body().getString("event"))) {
        closed.complete(m.body());
      }
    });
    try (Socket first = node.connect(); Socket second = node.connect()) {
      exchange(first, "one");
      exchange(second, "two");
      assertEquals(2, stats().getLong("activeConnections"));
      first.close();
      closed.get(10, TimeUnit.SECONDS);
      JsonObject stats = stats();
      assertEquals(1, stats.getLong("activeConnections"));
      assertEquals(2, stats.getLong("totalConnections"));
    }
  }

  @Test
  void statsCountBytesAndRepliesAndSumTheInstances() throws Exception {
    node = Node.start(new JsonObject());
    try (Socket client = node.connect()) {
      exchange(client, "hello");
      JsonObject stats = stats();
      assertEquals(5, stats.getLong("bytesIn"));
      assertEquals("Repeating: hello".length(), stats.getLong("bytesOut"));
      assertEquals(1, stats.getLong("replies"));
      assertEquals(0, stats.getLong("droppedReplies"));
      JsonObject instances = stats.getJsonObject("instances");
      assertEquals(1, instances.size(), instances.encode());
      assertEquals(5, instances.getJsonObject(instances.fieldNames().iterator().next()).getLong("bytesIn"));
    }
  }

  @Test
  void aNodeOfItsOwnShowsNoClusterPart() throws Exception {
    node = Node.start(new JsonObject());
    JsonObject answer = Node.json(node.get("/stats"));
    assertNull(answer.getValue("cluster"));
    assertFalse(answer.getJsonObject("node").getString("node").isEmpty());
  }

  /** Sends {@code text} and reads the whole reply, so the server has counted both. */
  static void exchange(Socket client, String text) throws Exception {
    client.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    byte[] reply = client.getInputStream().readNBytes(("Repeating: " + text).length());
    assertEquals("Repeating: " + text, new String(reply, StandardCharsets.UTF_8));
  }
}
