package io.netecho.http;

import io.netecho.testing.PrometheusText;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults a WebSocket asks for on its upgrade: {@code delay=} per reply, {@code closeAfter=N} with
 * {@code closeCode=}, {@code dropAfter=N}; bad values are a 400 line instead of the upgrade.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class WebSocketFaultTest {

  private WebSocketClient client;
  private HttpClientAgent http;

  @AfterEach
  void close() {
    if (client != null) {
      client.close().await();
    }
    if (http != null) {
      http.close().await();
    }
  }

  /** What the client saw, in order: each reply's text, then {@code close CODE REASON}. */
  private record Seen(List<String> events, List<Long> replyNanos) {
  }

  /** Sends {@code messages} at once, and answers what came back until the WebSocket closed. */
  private Seen exchange(Vertx vertx, int port, String target, int messages) {
    client = vertx.createWebSocketClient();
    List<String> events = new ArrayList<>();
    List<Long> nanos = new ArrayList<>();
    Promise<Void> closed = Promise.promise();
    // handlers set on the event loop as the upgrade completes: a close at once is not missed
    client.connect(port, "127.0.0.1", target).onSuccess(socket -> {
      socket.textMessageHandler(text -> {
        events.add(text);
        nanos.add(System.nanoTime());
      });
      socket.closeHandler(v -> {
        events.add("close " + socket.closeStatusCode() + " " + socket.closeReason());
        closed.complete();
      });
      for (int i = 1; i <= messages; i++) {
        socket.writeTextMessage("m" + i);
      }
    }).onFailure(closed::tryFail);
    closed.future().await();
    return new Seen(events, nanos);
  }

  @Test
  void closeAfterEchoesNMessagesThenClosesWithTheCode(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    Seen seen = exchange(vertx, port, "/ws?closeAfter=2&closeCode=1011", 3);

    assertEquals(List.of("Repeating: m1", "Repeating: m2", "close 1011 closeAfter 2"), seen.events());
  }

  @Test
  void closeAfterZeroClosesAtOnceWithNormalClosure(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    Seen seen = exchange(vertx, port, "/ws?closeAfter=0", 0);

    assertEquals(List.of("close 1000 closeAfter 0"), seen.events());
  }

  @Test
  void dropAfterEchoesNMessagesThenDropsTheConnectionWithoutACloseFrame(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    Seen seen = exchange(vertx, port, "/ws?dropAfter=1", 2);

    // 1006: Vert.x's code for a connection that ended without a close frame
    assertEquals(List.of("Repeating: m1", "close 1006 null"), seen.events());
  }

  @Test
  void delayHoldsEveryReplyAndKeepsTheirOrder(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    long sent = System.nanoTime();

    Seen seen = exchange(vertx, port, "/ws?delay=200ms:50ms&closeAfter=3", 3);

    assertEquals(List.of("Repeating: m1", "Repeating: m2", "Repeating: m3", "close 1000 closeAfter 3"), seen.events());
    for (long at : seen.replyNanos()) {
      assertTrue(at - sent >= 150_000_000L, "a reply came " + (at - sent) / 1_000_000 + " ms after its message");
    }
  }

  @Test
  void badValuesAreA400LineInsteadOfTheUpgrade(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    assertEquals("HTTP/1.1 400 Bad Request|closeCode 1006 is not a close code a server may send (1000-1003, 1007-1014, 3000-4999)\n",
      upgrade(port, "/ws?closeAfter=1&closeCode=1006"));
    assertEquals("HTTP/1.1 400 Bad Request|dropAfter x is not an integer >= 0\n", upgrade(port, "/ws?dropAfter=x"));
    assertEquals("HTTP/1.1 400 Bad Request|ask for closeAfter= or dropAfter=, not both\n",
      upgrade(port, "/ws?closeAfter=1&dropAfter=1"));
  }

  @Test
  void webSocketAndHttp2FaultsAreCountedOnTheHttpPort(Vertx vertx) throws Exception {
    HttpEchoServer server = HttpEchoServer.deploy(vertx, new JsonObject()
      .put("admin", new JsonObject().put("enabled", true).put("host", "127.0.0.1").put("port", 0)));
    exchange(vertx, server.httpPort(), "/ws?closeAfter=1&delay=1", 1);
    http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    http.request(HttpMethod.GET, server.httpPort(), "127.0.0.1", "/x?rst").compose(request -> request.send())
      .otherwiseEmpty().await();

    JsonObject node = new JsonObject(admin(server, "/stats")).getJsonObject("node");
    Map<String, Double> samples = PrometheusText.parse(admin(server, "/metrics"));

    assertEquals(1, node.getLong("httpFaultsWsClose"), node.encode());
    assertEquals(1, node.getLong("httpFaultsWsDelay"));
    assertEquals(0, node.getLong("httpFaultsWsDrop"));
    assertEquals(1, node.getLong("httpFaultsRst"));
    assertEquals(0, node.getLong("faultsReset"));
    assertEquals(1.0, samples.get("netecho_faults_applied_total{fault=\"wsClose\",port=\"http\"}"), samples.toString());
    assertEquals(1.0, samples.get("netecho_faults_applied_total{fault=\"rst\",port=\"http\"}"));
    assertEquals(null, samples.get("netecho_faults_applied_total{fault=\"rst\",port=\"tcp\"}"), "no rst on the echo port");
  }

  private static String admin(HttpEchoServer server, String path) throws Exception {
    HttpResponse<byte[]> response = HttpEchoTest.send(HttpEchoTest.request(server.adminPort(), path).GET().build());
    assertEquals(200, response.statusCode());
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static final String UPGRADE = "GET %s HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "ended in the head: " + head);
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** A raw upgrade request; answers the status line, {@code |}, and the body. */
  private static String upgrade(int port, String target) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(UPGRADE.formatted(target).getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String text = head(in);
      int length = 0;
      for (String line : text.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      return text.substring(0, text.indexOf("\r\n")) + "|" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
  }
}
