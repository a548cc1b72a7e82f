package io.netecho.net;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NodeSocket's writes and ends, seen from a plain client socket: prefix + chunk byte for byte on
 * either side of the size where the chunk is no longer copied, a reset, and our FIN after and
 * before the client's.
 */
@ExtendWith(VertxExtension.class)
@Timeout(20)
class NodeSocketWriteAndEndTest {

  private static final ReplyPrefix PREFIX = ReplyPrefix.of("Re: ");

  private Socket client;

  @AfterEach
  void closeClient() throws Exception {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void aSmallReplyIsThePrefixAndTheChunkByteForByte(Vertx vertx) throws Exception {
    byte[] chunk = bytes(100);
    connect(vertx, socket -> socket.handler(data -> socket.write(PREFIX, data)));
    client.getOutputStream().write(chunk);
    assertArrayEquals(concat("Re: ".getBytes(StandardCharsets.US_ASCII), chunk), read(client, 4 + chunk.length));
  }

  @Test
  void aLargeReplyCarriesTheChunkUncopiedAndByteForByte(Vertx vertx) throws Exception {
    // one write of 16 KiB on loopback arrives as one chunk or a few, at least one of them larger
    // than the size up to which a chunk is copied into the reply
    byte[] sent = bytes(16 * 1024);
    List<byte[]> chunks = new CopyOnWriteArrayList<>();
    connect(vertx, socket -> socket.handler(data -> {
      chunks.add(data.getBytes());
      socket.write(PREFIX, data);
    }).endHandler(v -> socket.end()));
    client.getOutputStream().write(sent);
    client.shutdownOutput();
    byte[] received = readToEnd(client);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      expected.writeBytes("Re: ".getBytes(StandardCharsets.US_ASCII));
      expected.writeBytes(chunk);
      read.writeBytes(chunk);
    }
    assertArrayEquals(sent, read.toByteArray());
    assertArrayEquals(expected.toByteArray(), received);
    assertTrue(chunks.stream().anyMatch(chunk -> chunk.length > 4096), "chunks of " + chunks.stream().map(c -> c.length).toList());
  }

  @Test
  void aResetReachesTheClientAsAConnectionReset(Vertx vertx) throws Exception {
    connect(vertx, socket -> socket.handler(data -> {
      socket.write(Buffer.buffer("last"));
      socket.reset();
    }));
    client.getOutputStream().write('x');
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    SocketException reset = assertThrows(SocketException.class, () -> {
      InputStream in = client.getInputStream();
      byte[] buffer = new byte[64];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        received.write(buffer, 0, n);
      }
    });
    assertEquals("Connection reset", reset.getMessage());
    assertEquals("last", received.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void anEndAfterTheClientsFinIsOurFinAndOneClose(Vertx vertx, VertxTestContext test) throws Exception {
    Checkpoint closed = test.checkpoint();
    connect(vertx, socket -> socket
      .handler(data -> socket.write(PREFIX, data))
      .endHandler(v -> socket.end())
      .closeHandler(v -> closed.flag()));
    client.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
    client.shutdownOutput();
    // every reply, then our FIN (an end of stream, not a reset)
    assertEquals("Re: bye", new String(readToEnd(client), StandardCharsets.US_ASCII));
  }

  @Test
  void anEndBeforeTheClientsFinLeavesTheClientFreeToSend(Vertx vertx, VertxTestContext test) throws Exception {
    Checkpoint laterChunk = test.checkpoint();
    Checkpoint ended = test.checkpoint();
    Checkpoint closed = test.checkpoint();
    connect(vertx, socket -> {
      socket.end();
      socket.handler(data -> test.verify(() -> {
        assertEquals("after our FIN", data.toString(StandardCharsets.US_ASCII));
        laterChunk.flag();
      }));
      socket.endHandler(v -> ended.flag());
      socket.closeHandler(v -> closed.flag());
    });
    InputStream in = client.getInputStream();
    assertEquals(-1, in.read());
    client.getOutputStream().write("after our FIN".getBytes(StandardCharsets.US_ASCII));
    client.shutdownOutput();
  }

  private void connect(Vertx vertx, Handler<NodeSocket> serve) throws Exception {
    NetServer server = vertx.createNetServer().connectHandler(raw -> serve.handle(NodeSocket.of(raw)));
    int port = server.listen(0, "127.0.0.1").await().actualPort();
    client = new Socket("127.0.0.1", port);
    // a read that waits for bytes or a FIN that never come fails instead of holding the build
    client.setSoTimeout(10_000);
  }

  private static byte[] bytes(int n) {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    return data;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static byte[] read(Socket socket, int n) throws Exception {
    byte[] data = socket.getInputStream().readNBytes(n);
    assertEquals(n, data.length);
    return data;
  }

  private static byte[] readToEnd(Socket socket) throws Exception {
    return socket.getInputStream().readAllBytes();
  }
}
