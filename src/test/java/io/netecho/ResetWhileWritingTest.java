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

/** A client that resets while the server is still writing to it costs the server nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ResetWhileWritingTest {

  @Test
  void aResetDuringALargeReplyIsLoggedAndTheServerKeepsServing(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false))).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class)) {
      String peer;
      try (EchoClient rude = new EchoClient(port)) {
        peer = "127.0.0.1:" + rude.localPort();
        // 4 MiB the client never reads: the server is mid-write when the reset comes
        rude.send(new byte[4 * 1024 * 1024]);
        rude.reset();
      }
      log.next(("client closed connection " + peer)::equals).get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        try (EchoClient next = new EchoClient(port)) {
          assertEquals("Repeating: ok " + i, next.send("ok " + i).readText(("Repeating: ok " + i).length()));
        }
      }
    }
  }
}
