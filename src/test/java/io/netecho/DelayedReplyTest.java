package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reply.delayMs holds every reply back that long and keeps their order. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class DelayedReplyTest {

  @Test
  void repliesComeAtLeastDelayMsLaterInArrivalOrder(Vertx vertx) throws Exception {
    // no prefix: however TCP groups the chunks, the replies read back as one ordered stream
    int port = EchoServers.deploy(vertx, new JsonObject().put("reply", new JsonObject().put("delayMs", 300).put("prefix", ""))).await();
    try (EchoClient client = new EchoClient(port)) {
      long sent = System.nanoTime();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        client.send("<" + i + ">");
        expected.append("<").append(i).append(">");
      }
      String replies = client.readText(expected.toString().getBytes(StandardCharsets.UTF_8).length);
      long waitedMs = (System.nanoTime() - sent) / 1_000_000;
      assertEquals(expected.toString(), replies);
      assertTrue(waitedMs >= 300, "replies came after " + waitedMs + " ms");
    }
  }
}
