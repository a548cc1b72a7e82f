package io.netecho.cluster;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.time.Instant;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code netecho.events}: one JSON message per connect, {@code 'end'} and {@code 'close'}, on a
 * clustered node (alone, nobody could hear them, so a node that is not clustered publishes none).
 */
@Timeout(60)
class ConnectionEventsTest extends NodeTest {


  @Test
  void connectEndAndCloseArePublishedOnceEachInThatOrder() throws Exception {
    String name = "test-" + UUID.randomUUID();
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    node = RunningNode.clustered(name, port, List.of("127.0.0.1:" + port), new JsonObject());
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    node.vertx.eventBus().<JsonObject>consumer(ConnectionEventPublisher.ADDRESS, m -> {
      events.add(m.body());
      if ("close".equals(m.body().getString("event"))) {
        closed.complete(null);
      }
    }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String peer;
    try (Socket client = node.connect()) {
      peer = "127.0.0.1:" + client.getLocalPort();
      RunningNode.exchange(client, "hi");
      client.shutdownOutput();
      client.getInputStream().readAllBytes();
    }
    closed.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("connected", "end", "close"), events.stream().map(e -> e.getString("event")).toList());
    String nodeId = RunningNode.json(node.get("/health")).getString("node");
    for (JsonObject event : events) {
      assertEquals(peer, event.getString("remote"));
      assertEquals(nodeId, event.getString("node"));
      assertNotNull(event.getString("instance"));
      Instant.parse(event.getString("time"));
    }
    JsonObject close = events.get(2);
    assertEquals(2, close.getLong("bytesIn"));
    assertEquals("Repeating: hi".length(), close.getLong("bytesOut"));
  }
}
