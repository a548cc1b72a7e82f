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
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The reply is prefix + the chunk's exact bytes, whatever those bytes are. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class EchoBytesTest {

  private static byte[] allByteValues() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  @Test
  void all256ByteValuesComeBackAfterTheDefaultPrefix(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    byte[] chunk = allByteValues();
    byte[] expected = concat("Repeating: ".getBytes(StandardCharsets.UTF_8), chunk);
    try (EchoClient client = new EchoClient(port)) {
      assertArrayEquals(expected, client.send(chunk).read(expected.length));
    }
  }

  @Test
  void all256ByteValuesComeBackUnchangedWithAnEmptyPrefix(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("reply", new JsonObject().put("prefix", ""))).await();
    byte[] chunk = allByteValues();
    try (EchoClient client = new EchoClient(port)) {
      assertArrayEquals(chunk, client.send(chunk).read(chunk.length));
    }
  }

  @Test
  void invalidUtf8AndNulBytesComeBackUnchanged(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    byte[] chunk = {(byte) 0xff, 0, (byte) 0xc3, (byte) 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80, 0};
    byte[] expected = concat("Repeating: ".getBytes(StandardCharsets.UTF_8), chunk);
    try (EchoClient client = new EchoClient(port)) {
      assertArrayEquals(expected, client.send(chunk).read(expected.length));
    }
  }

  @Test
  void aMultiByteUtf8PrefixIsSentAsUtf8(Vertx vertx) throws Exception {
    String prefix = "écho → ";
    int port = EchoServers.deploy(vertx, new JsonObject().put("reply", new JsonObject().put("prefix", prefix))).await();
    byte[] expected = (prefix + "hi").getBytes(StandardCharsets.UTF_8);
    try (EchoClient client = new EchoClient(port)) {
      assertArrayEquals(expected, client.send("hi").read(expected.length));
    }
  }
}
