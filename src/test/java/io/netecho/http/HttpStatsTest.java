package io.netecho.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP requests, WebSockets and their bytes are counted in the admin endpoint's {@code /stats} and {@code /metrics}. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class HttpStatsTest {

  private WebSocketClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close().await();
    }
  }

  private static HttpEchoServer deploy(Vertx vertx) {
    return HttpEchoServer.deploy(vertx, new JsonObject()
      .put("admin", new JsonObject().put("enabled", true).put("host", "127.0.0.1").put("port", 0))
      .put("http", new JsonObject().put("maxBodyBytes", 10)));
  }

  private static String admin(HttpEchoServer server, String path) throws Exception {
    HttpResponse<byte[]> response = HttpEchoTest.send(HttpEchoTest.request(server.adminPort(), path).GET().build());
    assertEquals(200, response.statusCode());
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void requestsAndTheirBodyBytesAreInStats(Vertx vertx) throws Exception {
    HttpEchoServer server = deploy(vertx);
    HttpEchoTest.send(HttpEchoTest.request(server.httpPort(), "/?raw").POST(HttpRequest.BodyPublishers.ofString("12345")).build());
    HttpEchoTest.send(HttpEchoTest.request(server.httpPort(), "/?raw").POST(HttpRequest.BodyPublishers.ofString("x".repeat(11))).build());

    JsonObject node = new JsonObject(admin(server, "/stats")).getJsonObject("node");

    assertEquals(2, node.getLong("httpRequests"), node.encode());
    assertEquals(1, node.getLong("httpTooLarge"));
    assertEquals(5 + 11, node.getLong("httpBytesIn"));
    String tooLarge = "request body over 10 bytes (http.maxBodyBytes)\n";
    assertEquals(5 + tooLarge.length(), node.getLong("httpBytesOut"));
  }

  @Test
  void webSocketMessagesAndTheirBytesAreInStatsAndMetrics(Vertx vertx) throws Exception {
    HttpEchoServer server = deploy(vertx);
    // held in a field: Vert.x closes the connections of a client that is garbage collected
    client = vertx.createWebSocketClient();
    WebSocket socket = client.connect(server.httpPort(), "127.0.0.1", "/ws").await();
    Promise<Buffer> reply = Promise.promise();
    socket.binaryMessageHandler(reply::tryComplete);
    socket.writeBinaryMessage(Buffer.buffer("abc"));
    reply.future().await();
    Future<Void> closed = socket.close();
    closed.await();

    JsonObject node = new JsonObject(admin(server, "/stats")).getJsonObject("node");
    String metrics = admin(server, "/metrics");

    assertEquals(1, node.getLong("webSockets"), node.encode());
    assertEquals(1, node.getLong("webSocketMessages"));
    assertEquals(3, node.getLong("webSocketBytesIn"));
    assertEquals("Repeating: abc".length(), node.getLong("webSocketBytesOut"));
    assertTrue(metrics.contains("netecho_websocket_messages_total 1.0"), metrics);
    assertTrue(metrics.contains("netecho_websocket_received_bytes_total 3.0"), metrics);
    for (String name : new String[] {"netecho_http_requests_total", "netecho_http_requests_too_large_total",
      "netecho_http_received_bytes_total", "netecho_http_sent_bytes_total", "netecho_websocket_connections_total",
      "netecho_websocket_messages_too_large_total", "netecho_websocket_sent_bytes_total"}) {
      assertTrue(metrics.contains("\n" + name + " "), name + " in " + metrics);
    }
  }
}
