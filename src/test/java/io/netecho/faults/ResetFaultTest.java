package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** faults.reset: a reset (RST, the client's ECONNRESET) after N bytes or N ms. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ResetFaultTest {

  @Test
  void resetAfterBytesIsAConnectionResetAfterThoseBytes(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx, new JsonObject().put("reset", new JsonObject().put("afterBytes", 25)));
    try (Socket client = echo.connect()) {
      FaultyEcho.send(client, "0123456789".repeat(4));
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      SocketException reset = assertThrows(SocketException.class, () -> FaultyEcho.readUntilFailure(client, received));
      assertEquals("Connection reset", reset.getMessage());
      assertEquals("Repeating: 01234567890123", received.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void resetAfterMsIsAConnectionResetThatLongAfterTheClientConnected(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx, new JsonObject().put("reset", new JsonObject().put("afterMs", 300)));
    long connected = System.nanoTime();
    try (Socket client = echo.connect()) {
      FaultyEcho.send(client, "early");
      assertEquals("Repeating: early", FaultyEcho.read(client, 16));
      SocketException reset = assertThrows(SocketException.class, () -> FaultyEcho.readUntilFailure(client, new ByteArrayOutputStream()));
      assertEquals("Connection reset", reset.getMessage());
      long elapsedMs = (System.nanoTime() - connected) / 1_000_000;
      assertTrue(elapsedMs >= 300, "reset after " + elapsedMs + " ms");
    }
  }
}
