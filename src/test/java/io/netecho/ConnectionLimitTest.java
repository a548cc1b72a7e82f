package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Node's server.maxConnections: over it a new connection is closed at once, with a log line. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ConnectionLimitTest {

  @Test
  void aThirdConnectionOverMaxConnectionsTwoIsClosedAtOnce(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("maxConnections", 2), 2).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class);
         EchoClient first = new EchoClient(port); EchoClient second = new EchoClient(port)) {
      assertEquals("Repeating: 1", first.send("1").readText(12));
      assertEquals("Repeating: 2", second.send("2").readText(12));
      try (EchoClient third = new EchoClient(port)) {
        assertEquals(0, third.readToEnd().length);
      }
      String line = log.next(text -> text.startsWith("connection limit")).get(10, TimeUnit.SECONDS);
      assertTrue(line.startsWith("connection limit 2 reached: closing 127.0.0.1:"), line);
    }
  }

  @Test
  void aClosedConnectionFreesItsSlot(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("maxConnections", 1)).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class)) {
      String peer;
      try (EchoClient first = new EchoClient(port)) {
        peer = "127.0.0.1:" + first.localPort();
        assertEquals("Repeating: a", first.send("a").readText(12));
      }
      log.next(("client closed connection " + peer)::equals).get(10, TimeUnit.SECONDS);
      try (EchoClient next = new EchoClient(port)) {
        assertEquals("Repeating: b", next.send("b").readText(12));
      }
    }
  }
}
