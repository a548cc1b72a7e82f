package io.netecho.cluster;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code netecho.events}: one JSON message per connect, {@code 'end'} and {@code 'close'}, on a
 * clustered node (alone, nobody could hear them, so a node that is not clustered publishes none).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ConnectionEventsTest extends NodeTest {

  @Test
  void connectEndAndCloseArePublishedOnceEachInThatOrder(VertxTestContext test) throws Exception {
    String name = "test-" + UUID.randomUUID();
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    node = RunningNode.clustered(name, port, List.of("127.0.0.1:" + port), new JsonObject());
    String nodeId = RunningNode.json(node.get("/health")).getString("node");
    AtomicReference<String> peer = new AtomicReference<>();
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    // strict: a second message of any kind fails the test as it arrives
    Checkpoint connected = test.checkpoint();
    Checkpoint ended = test.checkpoint();
    Checkpoint closed = test.checkpoint();
    node.vertx.eventBus().<JsonObject>consumer(ConnectionEventPublisher.ADDRESS, m -> {
      JsonObject event = m.body();
      events.add(event);
      switch (event.getString("event")) {
        case "connected" -> connected.flag();
        case "end" -> ended.flag();
        // the last one: by now the client has closed, so its address is known
        case "close" -> test.verify(() -> {
          assertEquals(List.of("connected", "end", "close"), events.stream().map(e -> e.getString("event")).toList());
          for (JsonObject each : events) {
            assertEquals(peer.get(), each.getString("remote"));
            assertEquals(nodeId, each.getString("node"));
            assertNotNull(each.getString("instance"));
            Instant.parse(each.getString("time"));
          }
          assertEquals(2, event.getLong("bytesIn"));
          assertEquals("Repeating: hi".length(), event.getLong("bytesOut"));
          closed.flag();
        });
        default -> test.failNow(new AssertionError("an event of an unknown kind: " + event.encode()));
      }
    }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (Socket client = node.connect()) {
      peer.set("127.0.0.1:" + client.getLocalPort());
      RunningNode.exchange(client, "hi");
      client.shutdownOutput();
      client.getInputStream().readAllBytes();
    }
  }
}
