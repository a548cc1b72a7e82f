package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** faults.slowClose: our FIN is held back. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class SlowCloseFaultTest {

  @Test
  void ourFinComesSlowCloseMsAfterTheClientsFin(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx, new JsonObject().put("slowClose", new JsonObject().put("ms", 500)));
    try (Socket client = echo.connect()) {
      FaultyEcho.send(client, "bye");
      assertEquals("Repeating: bye", FaultyEcho.read(client, 14));
      long finSent = System.nanoTime();
      client.shutdownOutput();
      assertEquals("", FaultyEcho.readToEnd(client));
      long heldMs = (System.nanoTime() - finSent) / 1_000_000;
      assertTrue(heldMs >= 500, "our FIN came " + heldMs + " ms after the client's");
    }
  }
}
