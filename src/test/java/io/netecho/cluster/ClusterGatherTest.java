package io.netecho.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asking every member: answers by node, and the members that did not answer in time as missing. */
@ExtendWith(VertxExtension.class)
@Timeout(10)
class ClusterGatherTest {

  private static Members members(String... others) {
    return new Members("self", () -> List.of(others), () -> true);
  }

  @Test
  void aMemberThatNeverAnswersIsMissingAfterTheTimeoutAndTheOthersAreStillCounted(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().consumer(ClusterGather.address("stats", "frozen"), message -> {
      // never replies, like a member stopped with SIGSTOP
    });
    vertx.eventBus().consumer(ClusterGather.address("stats", "alive"),
      message -> message.reply(new JsonObject().put("node", "alive")));
    long start = System.nanoTime();
    ClusterGather.ask(vertx, members("frozen", "alive"), "stats", null,
        () -> Future.succeededFuture(new JsonObject().put("node", "self")))
      .onComplete(test.succeeding(answers -> test.verify(() -> {
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("self", "alive"), List.copyOf(answers.byNode().keySet()));
        assertEquals(List.of("frozen"), answers.missing());
        assertTrue(tookMs >= ClusterGather.TIMEOUT_MS - 50 && tookMs < ClusterGather.TIMEOUT_MS + 2_000, tookMs + " ms");
        test.completeNow();
      })));
  }

  @Test
  void aMemberWithoutAConsumerIsMissingAtOnce(Vertx vertx, VertxTestContext test) {
    long start = System.nanoTime();
    ClusterGather.ask(vertx, members("gone"), "stats", null, () -> Future.succeededFuture(new JsonObject()))
      .onComplete(test.succeeding(answers -> test.verify(() -> {
        assertEquals(List.of("gone"), answers.missing());
        assertTrue((System.nanoTime() - start) / 1_000_000 < ClusterGather.TIMEOUT_MS, "waited for the timeout");
        test.completeNow();
      })));
  }

  @Test
  void thisNodeAnswersItselfWithoutTheBus(Vertx vertx, VertxTestContext test) {
    ClusterGather.ask(vertx, members(), "stats", null, () -> Future.succeededFuture(new JsonObject().put("n", 1)))
      .onComplete(test.succeeding(answers -> test.verify(() -> {
        assertEquals(new JsonObject().put("n", 1), answers.byNode().get("self"));
        assertTrue(answers.missing().isEmpty());
        test.completeNow();
      })));
  }
}
