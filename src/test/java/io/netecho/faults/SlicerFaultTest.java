package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** faults.slicer: a reply arrives in pieces of sliceBytes, sliceDelayMs apart. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class SlicerFaultTest {

  @Test
  void aReplyArrivesInSeparatePiecesOfAtMostSliceBytes(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.withFaults(vertx,
      new JsonObject().put("slicer", new JsonObject().put("sliceBytes", 10).put("sliceDelayMs", 30)));
    String message = "x".repeat(89);
    String reply = "Repeating: " + message;
    List<Integer> reads = new ArrayList<>();
    try (Socket client = echo.connect()) {
      long sent = System.nanoTime();
      FaultyEcho.send(client, message);
      InputStream in = client.getInputStream();
      ByteArrayOutputStream echoed = new ByteArrayOutputStream();
      byte[] buffer = new byte[64];
      while (echoed.size() < reply.length()) {
        int n = in.read(buffer);
        echoed.write(buffer, 0, n);
        reads.add(n);
      }
      long elapsedMs = (System.nanoTime() - sent) / 1_000_000;
      assertEquals(reply, echoed.toString(StandardCharsets.UTF_8));
      // ten pieces, nine pauses between them
      assertTrue(elapsedMs >= 9 * 30, "the reply took " + elapsedMs + " ms");
      // a loaded client may find two pieces waiting at once, so not every read is a piece, but most are
      assertTrue(reads.stream().filter(n -> n <= 10).count() >= 5, "reads of " + reads + " bytes");
    }
  }
}
