package io.netecho.http;

import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /info} and the info port: the client as the server sees it, and the server's time. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ClientInfoTest {

  static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Address and port as this client's socket has them, no node (not clustered), no TLS, a time about now. */
  static void assertDescribes(Socket socket, JsonObject info) {
    assertEquals("127.0.0.1", info.getString("address"));
    assertEquals(socket.getLocalPort(), info.getInteger("port"));
    assertTrue(info.containsKey("node") && info.getValue("node") == null, info.encode());
    assertTrue(info.containsKey("tlsProtocol") && info.getValue("tlsProtocol") == null, info.encode());
    assertTrue(info.containsKey("tlsCipher") && info.getValue("tlsCipher") == null, info.encode());
    Duration skew = Duration.between(Instant.parse(info.getString("time")), Instant.now()).abs();
    assertTrue(skew.toSeconds() < 60, info.encode());
  }

  @Test
  void getInfoAnswersTheClientAsSeenAndTheServerTime(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write("GET /info HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
      assertDescribes(socket, new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)));
    }
  }

  @Test
  void theInfoPortAnswersOneJsonLineThenItsFin(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()
      .put("http", new JsonObject().put("enabled", false))
      .put("info", new JsonObject().put("enabled", true).put("port", 0))).infoPort();
    try (Socket socket = connect(port)) {
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertTrue(answer.endsWith("\n") && answer.indexOf('\n') == answer.length() - 1, answer);
      assertDescribes(socket, new JsonObject(answer));
    }
  }

  @Test
  void theInfoPortIsOneLogLinePerConnection(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()
      .put("info", new JsonObject().put("enabled", true).put("port", 0))).infoPort();
    try (LogCapture log = LogCapture.ofAll(); Socket socket = connect(port)) {
      socket.getInputStream().readAllBytes();

      String peer = "127.0.0.1:" + socket.getLocalPort();
      assertEquals(java.util.List.of("info for " + peer), log.texts(line -> line.contains(peer)));
    }
  }

  @Test
  void getInfoIsNotEchoedWhateverTheQuery(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write("GET /info?raw HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertEquals("127.0.0.1", new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("address"));
    }
  }

  @Test
  void postToInfoIsEchoedLikeAnyOtherRequest(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write("POST /info HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      JsonObject echoed = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));

      assertEquals("POST", echoed.getString("method"));
      assertEquals("hi", echoed.getString("body"));
      assertNull(echoed.getValue("address"));
    }
  }
}
