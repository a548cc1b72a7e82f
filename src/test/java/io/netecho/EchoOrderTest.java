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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replies come back in the order their chunks were sent, per connection, with many clients at once. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class EchoOrderTest {

  @Test
  void thousandSequentialRequestsGetTheirRepliesInOrder(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false))).await();
    try (EchoClient client = new EchoClient(port)) {
      for (int i = 0; i < 1_000; i++) {
        String expected = "Repeating: message " + i;
        client.send("message " + i);
        assertEquals(expected, client.readText(expected.getBytes(StandardCharsets.UTF_8).length));
      }
    }
  }

  @Test
  void twoHundredConcurrentClientsEachGetTheirOwnStream(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false)), 2).await();
    int clients = 200;
    int messages = 20;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<EchoClient> connections = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        connections.add(new EchoClient(port));
      }
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        EchoClient client = connections.get(c);
        String id = "client-" + c;
        results.add(pool.submit(() -> {
          try (client) {
            for (int m = 0; m < messages; m++) {
              String expected = "Repeating: " + id + "/" + m;
              client.send(id + "/" + m);
              assertEquals(expected, client.readText(expected.length()));
            }
          }
          return messages;
        }));
      }
      int answered = 0;
      for (Future<Integer> result : results) {
        answered += result.get();
      }
      assertEquals(clients * messages, answered);
    } finally {
      pool.shutdownNow();
    }
  }
}
