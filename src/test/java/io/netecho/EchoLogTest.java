package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server logs per connection, as Node's example logs it, and which event loop logged it. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class EchoLogTest {

  @Test
  void aChunkWithNewlineAndEscapeMakesExactlyOneEscapedLine(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class); EchoClient client = new EchoClient(port)) {
      String chunk = "line1\nfake INFO line\u001b[31mred";
      client.send(chunk).read(("Repeating: " + chunk).length());
      List<String> dataLines = log.texts(text -> text.contains(" from 127.0.0.1:"));
      assertEquals(1, dataLines.size(), dataLines.toString());
      assertTrue(dataLines.get(0).startsWith("line1\\nfake INFO line\\x1b[31mred from 127.0.0.1:"), dataLines.get(0));
    }
  }

  @Test
  void connectAndCloseAreLoggedOnceWithTheClientAddress(Vertx vertx, VertxTestContext test) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class)) {
      // strict: a second 'close' line fails the test as it is logged
      Checkpoint closed = test.checkpoint();
      String peer;
      try (EchoClient client = new EchoClient(port)) {
        peer = "127.0.0.1:" + client.localPort();
        log.each(("client closed connection " + peer)::equals, line -> test.verify(() -> {
          assertEquals(1, log.texts(("connected " + peer)::equals).size());
          assertEquals(1, log.texts(("client closed connection " + peer)::equals).size());
          closed.flag();
        }));
        client.send("x").read("Repeating: x".length());
      }
      // the lines are watched only while the capture is open
      assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS), "no 'close' line for " + peer);
    }
  }

  @Test
  void logDataFalseLogsNoChunkLine(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false))).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class); EchoClient client = new EchoClient(port)) {
      client.send("quiet").read("Repeating: quiet".length());
      assertEquals(List.of(), log.texts(text -> text.contains(" from ")));
    }
  }

  @Test
  void fourInstancesSpreadFortyConnectionsOverMoreThanOneEventLoop(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false)), 4).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class)) {
      for (int i = 0; i < 40; i++) {
        try (EchoClient client = new EchoClient(port)) {
          client.send("n").read("Repeating: n".length());
        }
      }
      Set<String> loops = log.lines(text -> text.startsWith("connected ")).stream()
        .map(LogCapture.Line::thread).collect(Collectors.toSet());
      assertTrue(loops.size() > 1, "all 40 connections were served by " + loops);
    }
  }
}
