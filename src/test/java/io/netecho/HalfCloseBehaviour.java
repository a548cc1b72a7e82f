package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.transport.Transport;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Node's FIN semantics ({@code 'end'}, {@code allowHalfOpen}) as a client sees them, written once
 * and run on each transport by a thin subclass, as Netty's SocketHalfClosedTest is.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
abstract class HalfCloseBehaviour {

  private Vertx vertx;

  abstract Transport transport();

  @BeforeEach
  void startVertx() {
    Assumptions.assumeTrue(transport().available(), () -> transport().name() + " unavailable: " + transport().unavailabilityCause());
    vertx = Vertx.builder().withTransport(transport()).build();
  }

  @AfterEach
  void closeVertx() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private static JsonObject settings(boolean allowHalfOpen, int delayMs) {
    return new JsonObject().put("allowHalfOpen", allowHalfOpen)
      .put("reply", new JsonObject().put("delayMs", delayMs));
  }

  @Test
  void aReplyWrittenAfterTheClientsFinArrivesWithAllowHalfOpen() throws Exception {
    // Node's test-socket-write-after-fin: the reply leaves after the client has half-closed.
    int port = EchoServers.deploy(vertx, settings(true, 200)).await();
    try (EchoClient client = new EchoClient(port)) {
      client.send("late");
      client.shutdownOutput();
      assertEquals("Repeating: late", client.readTextToEnd());
    }
  }

  @Test
  void theDefaultModeDropsDelayedRepliesOnFinAndLogsHowMany() throws Exception {
    int port = EchoServers.deploy(vertx, settings(false, 2_000)).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class); EchoClient client = new EchoClient(port)) {
      client.send("never answered");
      client.shutdownOutput();
      assertEquals(0, client.readToEnd().length);
      String line = log.next(text -> text.startsWith("dropped ")).get(10, TimeUnit.SECONDS);
      assertTrue(line.startsWith("dropped 1 delayed replies to 127.0.0.1:"), line);
      assertTrue(line.endsWith("the client ended and allowHalfOpen is false"), line);
    }
  }

  @Test
  void endFiresOnceThenCloseFiresOnce(VertxTestContext test) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class)) {
      // strict: a second 'end' or 'close' line fails the test as it is logged
      Checkpoint ended = test.checkpoint();
      Checkpoint closed = test.checkpoint();
      String peer;
      try (EchoClient client = new EchoClient(port)) {
        peer = "127.0.0.1:" + client.localPort();
        log.each(("client ended " + peer)::equals, line -> ended.flag());
        log.each(("client closed connection " + peer)::equals, line -> test.verify(() -> {
          List<String> events = log.texts(text -> text.endsWith(peer) && !text.startsWith("bye"));
          assertEquals(List.of("connected " + peer, "client ended " + peer, "client closed connection " + peer), events);
          closed.flag();
        }));
        client.send("bye");
        client.shutdownOutput();
        assertEquals("Repeating: bye", client.readTextToEnd());
      }
      // the lines are watched only while the capture is open
      assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS), "no 'end' and 'close' lines for " + peer);
    }
  }

  @Test
  void finSentWithTheFirstChunkNeverLosesTheEcho() throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false))).await();
    for (int i = 0; i < 200; i++) {
      try (EchoClient client = new EchoClient(port)) {
        client.sendAndShutdownOutput(("race " + i).getBytes(StandardCharsets.UTF_8));
        assertEquals("Repeating: race " + i, client.readTextToEnd(), "round " + i);
      }
    }
  }

  @Test
  void aClientThatHalfClosesAndKeepsReadingGetsEveryByte() throws Exception {
    // The client writes 8 MiB without reading, so the server's replies back up, it pauses, and the
    // FIN overtakes chunks still queued in Vert.x: 'end' must wait for them.
    int port = EchoServers.deploy(vertx, new JsonObject()
      .put("reply", new JsonObject().put("prefix", ""))
      .put("log", new JsonObject().put("data", false))
      .put("writeQueueMaxBytes", 64 * 1024)).await();
    byte[] sent = new byte[8 * 1024 * 1024];
    new Random(42).nextBytes(sent);
    try (EchoClient client = new EchoClient(port)) {
      CompletableFuture<byte[]> echoed = client.readToEndAsync();
      client.sendAndShutdownOutput(sent);
      byte[] received = echoed.get(45, TimeUnit.SECONDS);
      assertEquals(sent.length, received.length);
      assertArrayEquals(sent, received);
    }
  }

  @Test
  void aClientResetMidStreamLeavesTheServerServing() throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    try (EchoClient rude = new EchoClient(port)) {
      rude.send("half a conversation");
      rude.reset();
    }
    try (EchoClient next = new EchoClient(port)) {
      assertEquals("Repeating: still here", next.send("still here").readText("Repeating: still here".length()));
    }
  }
}
