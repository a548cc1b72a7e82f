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

/** faults.close: our FIN after N bytes or N ms. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class CloseFaultTest {

  @Test
  void closeAfterBytesEndsTheStreamAfterExactlyThoseBytes(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx, new JsonObject().put("close", new JsonObject().put("afterBytes", 25)));
    try (Socket client = echo.connect()) {
      FaultyEcho.send(client, "0123456789".repeat(4));
      assertEquals("Repeating: 01234567890123", FaultyEcho.readToEnd(client));
    }
  }

  @Test
  void closeAfterMsSendsOurFinThatLongAfterTheClientConnected(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx, new JsonObject().put("close", new JsonObject().put("afterMs", 300)));
    long connected = System.nanoTime();
    try (Socket client = echo.connect()) {
      FaultyEcho.send(client, "early");
      assertEquals("Repeating: early", FaultyEcho.read(client, 16));
      assertEquals("", FaultyEcho.readToEnd(client));
      long elapsedMs = (System.nanoTime() - connected) / 1_000_000;
      assertTrue(elapsedMs >= 300, "FIN after " + elapsedMs + " ms");
    }
  }
}
