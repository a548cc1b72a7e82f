package io.netecho.faults;

import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** faults.timeout: after N ms the client is read but no longer answered, and the connection stays open. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TimeoutFaultTest {

  @Test
  void afterTimeoutMsRepliesStopAndTheConnectionStaysOpen(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx, new JsonObject().put("timeout", new JsonObject().put("ms", 300)));
    try (LogCapture log = LogCapture.of(Faults.class); Socket client = echo.connect()) {
      FaultyEcho.send(client, "before");
      assertEquals("Repeating: before", FaultyEcho.read(client, 17));
      String peer = "127.0.0.1:" + client.getLocalPort();
      log.next(("timeout fault: no more replies to " + peer + " after 300 ms")::equals).get(10, TimeUnit.SECONDS);
      FaultyEcho.send(client, "after");
      client.setSoTimeout(1_000);
      assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
      // still open: our FIN answers the client's, as on any connection, and nothing came in between
      client.setSoTimeout(10_000);
      client.shutdownOutput();
      assertEquals("", FaultyEcho.readToEnd(client));
    }
  }
}
