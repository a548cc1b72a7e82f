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

/**
 * A reset after N bytes held behind a slicer is still a reset when the client half-closes while the
 * slices are on their way: the client's FIN must not turn the cutoff into a clean FIN of ours.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ResetBehindSlicerTest {

  @Test
  void aClientThatHalfClosesBeforeTheSlicedBytesLeftStillSeesTheReset(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx, new JsonObject()
      .put("reset", new JsonObject().put("afterBytes", 5))
      .put("slicer", new JsonObject().put("sliceBytes", 1).put("sliceDelayMs", 100)));
    try (Socket client = echo.connect()) {
      FaultyEcho.send(client, "hello world");
      client.shutdownOutput();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      SocketException reset = assertThrows(SocketException.class, () -> FaultyEcho.readUntilFailure(client, received));
      assertEquals("Connection reset", reset.getMessage());
      assertEquals("Repea", received.toString(StandardCharsets.UTF_8));
    }
  }
}
