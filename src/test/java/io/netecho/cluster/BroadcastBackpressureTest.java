package io.netecho.cluster;

import io.netecho.testing.NodeTest;
import io.netecho.testing.PrometheusText;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that does not read, under a stream of broadcasts: once its write queue is full it is
 * skipped, so what the server holds for it stays under {@code writeQueueMaxBytes} plus one message.
 */
@Timeout(120)
class BroadcastBackpressureTest extends NodeTest {

  private static final int WRITE_QUEUE_MAX_BYTES = 64 * 1024;
  private static final int MESSAGE_BYTES = 32 * 1024;
  private static final int BROADCASTS = 1_000;

  @Test
  void aClientThatDoesNotReadIsSkippedAndWhatIsQueuedForItStaysBounded() throws Exception {
    node = RunningNode.start(new JsonObject().put("writeQueueMaxBytes", WRITE_QUEUE_MAX_BYTES)
      .put("broadcast", new JsonObject().put("ratePerSecond", 0)));
    String message = "b".repeat(MESSAGE_BYTES);
    long skipped = 0;
    long maxQueued = 0;
    try (Socket stalled = new Socket()) {
      // a small window: the kernel takes little of what the server sends it
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", node.echoPort), 5_000);
      stalled.setSoTimeout(10_000);
      RunningNode.exchange(stalled, "then never reads again");
      for (int i = 0; i < BROADCASTS; i++) {
        HttpResponse<String> response = node.post("/broadcast", message, "Authorization", "Bearer " + RunningNode.TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject answer = RunningNode.json(response);
        assertEquals(1, answer.getInteger("clients"), response.body());
        skipped += answer.getInteger("skipped");
        if (i % 10 == 0 || i == BROADCASTS - 1) {
          long queued = node.stats().getLong("queuedBytes");
          assertTrue(queued <= WRITE_QUEUE_MAX_BYTES + MESSAGE_BYTES, "queued " + queued + " bytes after " + i);
          maxQueued = Math.max(maxQueued, queued);
        }
      }
      JsonObject stats = node.stats();
      assertTrue(skipped > BROADCASTS / 2, "skipped " + skipped + " of " + BROADCASTS);
      assertEquals(skipped, stats.getLong("broadcastSkips"), stats.encodePrettily());
      assertTrue(maxQueued > 0, "nothing was ever queued for the client: the test proves nothing");
      assertEquals((double) skipped, PrometheusText.parse(node.get("/metrics").body()).get("netecho_broadcast_skips_total"));
    }
  }
}
