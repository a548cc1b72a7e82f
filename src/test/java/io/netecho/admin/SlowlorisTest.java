package io.netecho.admin;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slowloris on the admin port: clients that open connections and send a request's first line, never
 * its end. The admin endpoint holds at most {@value AdminServer#MAX_CONNECTIONS} of them and closes the
 * stalled ones after {@value AdminServer#IDLE_TIMEOUT_SECONDS} s, so they cannot take the file
 * descriptors the echo port needs, and the echo keeps serving throughout.
 */
@Timeout(60)
class SlowlorisTest extends NodeTest {

  private static final String PARTIAL_REQUEST = "GET /health HTTP/1.1\r\nHost: localhost\r\n";

  private final Vertx clients = Vertx.vertx();

  @AfterEach
  void closeClients() throws Exception {
    clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * Opens {@code count} admin connections, each sending a partial request; as the server closes one,
   * every latch counts down, in the order given.
   */
  private void stall(int count, CountDownLatch... closed) throws Exception {
    NetClient client = clients.createNetClient();
    List<Future<NetSocket>> connecting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      connecting.add(client.connect(node.adminPort, "127.0.0.1").onSuccess(socket -> {
        socket.closeHandler(v -> List.of(closed).forEach(CountDownLatch::countDown));
        socket.write(PARTIAL_REQUEST);
      }));
    }
    Future.all(connecting).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void twoHundredStalledConnectionsAreCappedAndTheEchoKeepsServing() throws Exception {
    node = RunningNode.start(new JsonObject());
    int stalled = 200;
    CountDownLatch overTheCap = new CountDownLatch(stalled - AdminServer.MAX_CONNECTIONS);
    CountDownLatch all = new CountDownLatch(stalled);
    // all first: once overTheCap opens, all has counted the close that opened it
    stall(stalled, all, overTheCap);
    // those over the cap are closed at once, well within the idle timeout
    assertTrue(overTheCap.await(AdminServer.IDLE_TIMEOUT_SECONDS / 2, TimeUnit.SECONDS),
      overTheCap.getCount() + " connections over the cap still open");
    assertEquals(AdminServer.MAX_CONNECTIONS, all.getCount(), "connections the server holds");
    try (Socket client = node.connect()) {
      RunningNode.exchange(client, "still here");
    }
  }

  @Test
  void stalledConnectionsAreClosedAfterTheIdleTimeoutAndTheEndpointServesAgain() throws Exception {
    node = RunningNode.start(new JsonObject());
    CountDownLatch closed = new CountDownLatch(AdminServer.MAX_CONNECTIONS);
    long opened = System.nanoTime();
    stall(AdminServer.MAX_CONNECTIONS, closed);
    assertTrue(closed.await(AdminServer.IDLE_TIMEOUT_SECONDS + 15, TimeUnit.SECONDS),
      closed.getCount() + " stalled connections still open");
    long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
    assertTrue(afterMs >= (AdminServer.IDLE_TIMEOUT_SECONDS - 1) * 1000L, "closed after " + afterMs + " ms");
    assertEquals(200, node.get("/health").statusCode());
  }
}
