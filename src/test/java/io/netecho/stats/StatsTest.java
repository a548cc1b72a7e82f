package io.netecho.stats;

import io.netecho.testing.LogCapture;
import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code GET /stats} on a node of its own. */
@Timeout(30)
class StatsTest extends NodeTest {

  @Test
  void statsFollowTheOpenConnections() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (LogCapture log = LogCapture.ofConnections();
         Socket first = node.connect(); Socket second = node.connect()) {
      RunningNode.exchange(first, "one");
      RunningNode.exchange(second, "two");
      assertEquals(2, node.stats().getLong("activeConnections"));
      String peer = "127.0.0.1:" + first.getLocalPort();
      first.close();
      log.next(("client closed connection " + peer)::equals).get(10, TimeUnit.SECONDS);
      JsonObject stats = node.stats();
      assertEquals(1, stats.getLong("activeConnections"));
      assertEquals(2, stats.getLong("totalConnections"));
    }
  }

  @Test
  void statsCountBytesAndRepliesAndSumTheInstances() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (Socket client = node.connect()) {
      RunningNode.exchange(client, "hello");
      JsonObject stats = node.stats();
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
    node = RunningNode.start(new JsonObject());
    JsonObject answer = RunningNode.json(node.get("/stats"));
    assertNull(answer.getValue("cluster"));
    assertFalse(answer.getJsonObject("node").getString("node").isEmpty());
  }
}
