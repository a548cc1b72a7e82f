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

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Node's socket.setTimeout, answered by closing: idle clients go, chatty ones stay. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class IdleTimeoutTest {

  @Test
  void anIdleClientIsClosedAfterIdleTimeoutSeconds(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("idleTimeoutSeconds", 1)).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class); EchoClient idle = new EchoClient(port)) {
      assertEquals(0, idle.readToEnd().length);
      String line = log.next(text -> text.startsWith("idle for")).get(10, TimeUnit.SECONDS);
      assertTrue(line.startsWith("idle for 1 s: closing 127.0.0.1:"), line);
    }
  }

  @Test
  void aChattyClientOutlivesTheIdleTimeout(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("idleTimeoutSeconds", 1)).await();
    try (EchoClient chatty = new EchoClient(port)) {
      // 2.5 s of talk, never a full second of silence: being chatty is the behaviour under test
      for (int i = 0; i < 10; i++) {
        assertEquals("Repeating: " + i, chatty.send(Integer.toString(i)).readText(12));
        Thread.sleep(250);
      }
    }
  }

  /**
   * With {@code allowHalfOpen} the client's FIN leaves the server's side open for the reply it owes
   * (due a minute later): only the idle timeout, counted from the FIN, closes it. Were the option
   * ignored, the FIN would drop the held reply and the server's FIN would follow at once.
   */
  @Test
  void aHalfClosedClientIsClosedAfterIdleTimeoutSeconds(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("idleTimeoutSeconds", 1).put("allowHalfOpen", true)
      .put("reply", new JsonObject().put("delayMs", 60_000))).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class); EchoClient halfOpen = new EchoClient(port)) {
      String peer = "127.0.0.1:" + halfOpen.localPort();
      // the server's idle time starts at its last read, the FIN or the chunk before it: after this
      long beforeSending = System.nanoTime();
      halfOpen.send("owed a reply a minute from now");
      halfOpen.shutdownOutput();
      assertEquals(0, halfOpen.readToEnd().length);
      long open = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeSending);

      assertTrue(open >= 1_000, "the server's side closed " + open + " ms after the client's last bytes");
      log.await(text -> text.equals("client closed connection " + peer));
      List<String> lines = log.texts(text -> text.contains(peer));
      assertEquals(List.of(
        "connected " + peer,
        "owed a reply a minute from now from " + peer,
        "client ended " + peer,
        "idle for 1 s: closing " + peer,
        "dropped 1 delayed replies to " + peer + ": the connection closed first",
        "client closed connection " + peer), lines, "the held reply kept past the FIN, the idle timeout closing");
    }
  }
}
