package io.netecho.http;

import io.netecho.testing.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The WebSocket echo at {@code /ws}: prefix + message, of the message's own type; fragments
 * reassembled; ping, pong and the close handshake per RFC 6455; an oversize message closes with 1009.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class WebSocketEchoTest {

  private static final int MAX = 1000;

  private WebSocketClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close().await();
    }
  }

  private WebSocket connect(Vertx vertx, JsonObject overrides) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()
      .put("http", new JsonObject().put("maxWebSocketMessageBytes", MAX)).mergeIn(overrides, true)).httpPort();
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(4 * MAX));
    return client.connect(port, "127.0.0.1", "/ws").await();
  }

  private WebSocket connect(Vertx vertx) {
    return connect(vertx, new JsonObject());
  }

  /** The first text message the server sends. */
  private static Future<String> nextText(WebSocket socket) {
    Promise<String> text = Promise.promise();
    socket.textMessageHandler(text::tryComplete);
    socket.binaryMessageHandler(binary -> text.tryFail("a binary message came back: " + binary));
    return text.future();
  }

  /** The first binary message the server sends. */
  private static Future<Buffer> nextBinary(WebSocket socket) {
    Promise<Buffer> binary = Promise.promise();
    socket.binaryMessageHandler(binary::tryComplete);
    socket.textMessageHandler(text -> binary.tryFail("a text message came back: " + text));
    return binary.future();
  }

  /** The close code and reason the server sent, once the connection is closed. */
  private static Future<String> closed(WebSocket socket) {
    Promise<String> closed = Promise.promise();
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    return closed.future();
  }

  @Test
  void aTextMessageComesBackAsTextAfterThePrefix(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<String> reply = nextText(socket);

    socket.writeTextMessage("héllo ✓");

    assertEquals("Repeating: héllo ✓", reply.await());
  }

  @Test
  void aBinaryMessageComesBackAsBinaryByteForByteAfterThePrefix(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<Buffer> reply = nextBinary(socket);
    Buffer message = Buffer.buffer(HttpEchoTest.allByteValues());

    socket.writeBinaryMessage(message);

    assertEquals(Buffer.buffer("Repeating: ").appendBuffer(message), reply.await());
  }

  @Test
  void anEmptyPrefixEchoesTheMessageAlone(Vertx vertx) {
    WebSocket socket = connect(vertx, new JsonObject().put("reply", new JsonObject().put("prefix", "")));
    Future<Buffer> reply = nextBinary(socket);

    socket.writeBinaryMessage(Buffer.buffer(new byte[] {0, (byte) 0xff}));

    assertArrayEquals(new byte[] {0, (byte) 0xff}, reply.await().getBytes());
  }

  @Test
  void aFragmentedTextMessageIsAnsweredOnceReassembled(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<String> reply = nextText(socket);

    socket.writeFrame(WebSocketFrame.textFrame("hel", false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("lo wor"), false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("ld"), true));

    assertEquals("Repeating: hello world", reply.await());
  }

  @Test
  void aFragmentedBinaryMessageIsAnsweredOnceReassembled(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<Buffer> reply = nextBinary(socket);

    socket.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {1, 2}), false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {0, 3}), true));

    assertEquals(Buffer.buffer("Repeating: ").appendBytes(new byte[] {1, 2, 0, 3}), reply.await());
  }

  @Test
  void aPingIsAnsweredWithAPongOfTheSamePayload(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Promise<Buffer> pong = Promise.promise();
    socket.pongHandler(pong::tryComplete);

    socket.writePing(Buffer.buffer("are you there"));

    assertEquals(Buffer.buffer("are you there"), pong.future().await());
  }

  @Test
  void theCloseHandshakeEchoesTheClientsCodeAndReason(Vertx vertx) throws Exception {
    WebSocket socket = connect(vertx);
    Future<String> closed = closed(socket);
    try (LogCapture log = LogCapture.ofAll()) {
      socket.close((short) 4000, "bye");

      assertEquals("4000 bye", closed.await());
      String peer = "127.0.0.1:" + socket.localAddress().port();
      assertEquals("websocket closed " + peer + " (4000 bye)", log.await(line -> line.startsWith("websocket closed")));
    }
  }

  @Test
  void aMessageOverTheLimitInOneFrameClosesWith1009(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<String> closed = closed(socket);

    socket.writeBinaryMessage(Buffer.buffer(new byte[MAX + 1]));

    assertEquals("1009", closed.await().split(" ")[0]);
  }

  @Test
  void aMessageOverTheLimitInFragmentsClosesWith1009(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<String> closed = closed(socket);

    byte[] half = new byte[MAX / 2];
    socket.writeFrame(WebSocketFrame.textFrame(new String(half), false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(half), false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("x"), true));

    assertEquals("1009 message over " + MAX + " bytes", closed.await());
  }

  @Test
  void aTextMessageThatIsNotUtf8ClosesWith1007AndIsNotEchoed(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<String> reply = nextText(socket);
    Future<String> closed = closed(socket);

    // "ok" then 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte
    socket.writeFrame(WebSocketFrame.textFrame("ok", false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {(byte) 0xC3, 0x28}), true));

    assertEquals("1007 text message not UTF-8", closed.await());
    assertFalse(reply.isComplete(), "echoed: " + reply.result());
  }

  @Test
  void aCharacterSplitAcrossFragmentsComesBackWhole(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<String> reply = nextText(socket);

    // "é" is 0xC3 0xA9: one byte in each fragment
    socket.writeFrame(WebSocketFrame.textFrame("caf", false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {(byte) 0xC3}), false));
    socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {(byte) 0xA9}), true));

    assertEquals("Repeating: café", reply.await());
  }

  @Test
  void aMessageOfExactlyTheLimitIsEchoed(Vertx vertx) {
    WebSocket socket = connect(vertx);
    Future<Buffer> reply = nextBinary(socket);
    byte[] message = new byte[MAX];
    Arrays.fill(message, (byte) 7);

    socket.writeBinaryMessage(Buffer.buffer(message));

    assertEquals(Buffer.buffer("Repeating: ").appendBytes(message), reply.await());
  }

  @Test
  void eachMessageIsOneEscapedLogLineNamingThePeer(Vertx vertx) throws Exception {
    WebSocket socket = connect(vertx);
    Future<String> reply = nextText(socket);
    try (LogCapture log = LogCapture.ofAll()) {
      socket.writeTextMessage("a\nb\u001b[31m");
      reply.await();

      String peer = "127.0.0.1:" + socket.localAddress().port();
      assertEquals(java.util.List.of("a\\nb\\x1b[31m from websocket " + peer), log.texts(line -> line.endsWith(" from websocket " + peer)));
    }
  }
}
