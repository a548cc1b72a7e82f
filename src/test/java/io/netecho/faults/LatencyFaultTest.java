package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** faults.latency: each reply waits ms ± jitterMs, and the replies keep their order. */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class LatencyFaultTest {

  @Test
  void eachReplyWaitsTheLatencyPlusOrMinusTheJitter(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx,
      new JsonObject().put("latency", new JsonObject().put("ms", 40).put("jitterMs", 30)));
    List<Long> waits = new ArrayList<>();
    try (Socket client = echo.connect()) {
      for (int i = 0; i < 200; i++) {
        long sent = System.nanoTime();
        FaultyEcho.send(client, "x");
        assertEquals("Repeating: x", FaultyEcho.read(client, 12));
        waits.add((System.nanoTime() - sent) / 1_000_000);
      }
    }
    LongSummaryStatistics ms = waits.stream().mapToLong(Long::longValue).summaryStatistics();
    // never earlier than 40 - 30 ms; a loaded machine may add to the upper end, never take from the
    // lower, so that no reply waits longer than 40 + 30 ms is TimedQueueTest's, on a clock of its own
    assertTrue(ms.getMin() >= 10, "shortest wait " + ms);
    // the jitter is there: 200 uniform draws in 10..70 ms with none under 25 ms has odds of about 1e-25
    assertTrue(ms.getMin() < 25, "no reply came early in the jitter range: " + ms);
  }

  @Test
  void repliesKeepTheirOrderWhateverTheJitter(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.deploy(vertx, new JsonObject()
      .put("reply", new JsonObject().put("prefix", ""))
      .put("faults", new JsonObject().put("latency", new JsonObject().put("ms", 50).put("jitterMs", 50))));
    StringBuilder sent = new StringBuilder();
    try (Socket client = echo.connect()) {
      for (int i = 0; i < 200; i++) {
        String token = "<" + i + ">";
        FaultyEcho.send(client, token);
        sent.append(token);
        // pacing the input, not waiting for an event: most tokens reach the server as chunks of their own,
        // whose random waits (0..100 ms) would reorder them if the order were not kept
        Thread.sleep(1);
      }
      assertEquals(sent.toString(), FaultyEcho.read(client, sent.toString().getBytes(StandardCharsets.UTF_8).length));
    }
  }
}
