package io.netecho.cluster;

import io.netecho.testing.LogCapture;
import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broadcasts over the event bus take the limits of {@code POST /broadcast}: 64 KiB, and the rate. */
@Timeout(30)
class BroadcastLimitsTest extends NodeTest {

  private static final Buffer TOO_LARGE = Buffer.buffer(new byte[Broadcasts.MAX_BYTES + 1]);

  private static JsonObject rate(int perSecond) {
    return new JsonObject().put("broadcast", new JsonObject().put("ratePerSecond", perSecond));
  }

  private ReplyException requestFails(Object body) {
    CompletionException failure = assertThrows(CompletionException.class, () -> node.vertx.eventBus()
      .request(Broadcasts.ADDRESS, body).toCompletionStage().toCompletableFuture().join());
    return assertInstanceOf(ReplyException.class, failure.getCause());
  }

  /** This node's statistics once {@code log} has the refusal's line: a refusal is counted before it is logged. */
  private JsonObject statsOnceRefused(LogCapture log) throws Exception {
    log.next(line -> line.contains("refused a broadcast")).get(10, TimeUnit.SECONDS);
    return node.stats();
  }

  @Test
  void aPublishOverSixtyFourKibibytesIsDroppedAndCounted() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (LogCapture log = LogCapture.of(Broadcasts.class); Socket client = node.connect()) {
      RunningNode.exchange(client, "listening");
      node.vertx.eventBus().publish(Broadcasts.ADDRESS, TOO_LARGE);
      node.vertx.eventBus().publish(Broadcasts.ADDRESS, "after");
      // one consumer, messages in order: the first bytes the client gets are those of the second
      assertEquals("after", new String(client.getInputStream().readNBytes(5), StandardCharsets.UTF_8));
      assertEquals(1, statsOnceRefused(log).getLong("broadcastsRefused"));
    }
  }

  @Test
  void aRequestOverSixtyFourKibibytesFailsWith413() throws Exception {
    node = RunningNode.start(new JsonObject());
    assertEquals(413, requestFails(TOO_LARGE).failureCode());
  }

  @Test
  void aRequestOverTheRateFailsWith429() throws Exception {
    node = RunningNode.start(rate(1));
    try (LogCapture log = LogCapture.of(Broadcasts.class)) {
      node.vertx.eventBus().request(Broadcasts.ADDRESS, "first").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
      assertEquals(429, requestFails("second, within the second").failureCode());
      assertEquals(1, statsOnceRefused(log).getLong("broadcastsRefused"));
    }
  }

  @Test
  void aPostOverTheRateIsTooManyRequests() throws Exception {
    node = RunningNode.start(rate(1));
    HttpResponse<String> first = node.post("/broadcast", "one", "Authorization", "Bearer " + RunningNode.TOKEN);
    assertEquals(200, first.statusCode(), first.body());
    // one a second: one of the next few, sent at once, is over (a loaded machine may take a second between two)
    HttpResponse<String> refused = null;
    for (int i = 0; i < 5 && refused == null; i++) {
      HttpResponse<String> next = node.post("/broadcast", "more", "Authorization", "Bearer " + RunningNode.TOKEN);
      if (next.statusCode() != 200) {
        refused = next;
      }
    }
    assertTrue(refused != null, "no POST was refused");
    assertEquals(429, refused.statusCode(), refused.body());
    assertEquals("1", refused.headers().firstValue("retry-after").orElse(""));
    assertTrue(refused.body().contains("broadcast.ratePerSecond"), refused.body());
  }
}
