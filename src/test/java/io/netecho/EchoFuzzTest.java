package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random binary input, in random sizes, through both modes: what comes back is exactly
 * what went in (with no prefix), or prefix + each message (request/response, so chunks stay whole).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class EchoFuzzTest {

  private static final long SEED = 20261124L;

  @Test
  void randomBinaryStreamsComeBackByteExactWithNoPrefix(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()
      .put("reply", new JsonObject().put("prefix", "")).put("log", new JsonObject().put("data", false)), 2).await();
    Random random = new Random(SEED);
    for (int round = 0; round < 20; round++) {
      ByteArrayOutputStream sent = new ByteArrayOutputStream();
      try (EchoClient client = new EchoClient(port)) {
        CompletableFuture<byte[]> echoed = client.readToEndAsync();
        int writes = 1 + random.nextInt(50);
        for (int w = 0; w < writes; w++) {
          byte[] chunk = new byte[1 + random.nextInt(random.nextBoolean() ? 64 : 70_000)];
          random.nextBytes(chunk);
          client.send(chunk);
          sent.writeBytes(chunk);
        }
        client.shutdownOutput();
        assertArrayEquals(sent.toByteArray(), echoed.get(30, TimeUnit.SECONDS), "seed " + SEED + " round " + round);
      }
    }
  }

  @Test
  void randomBinaryMessagesComeBackAfterThePrefix(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false))).await();
    byte[] prefix = "Repeating: ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Random random = new Random(SEED + 1);
    try (EchoClient client = new EchoClient(port)) {
      for (int i = 0; i < 500; i++) {
        // small enough to arrive as one chunk on loopback, so there is exactly one prefix
        byte[] message = new byte[1 + random.nextInt(1024)];
        random.nextBytes(message);
        byte[] reply = client.send(message).read(prefix.length + message.length);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(prefix);
        expected.writeBytes(message);
        assertArrayEquals(expected.toByteArray(), reply, "seed " + (SEED + 1) + " message " + i);
      }
      assertEquals("Repeating: done", client.send("done").readText(15));
    }
  }
}
