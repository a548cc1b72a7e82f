package io.netecho.http;

import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP echo: any method and path → 200 with the request as JSON, or its body byte for byte. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class HttpEchoTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
    .version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5))
    .build();

  static byte[] allByteValues() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  static HttpRequest.Builder request(int port, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(10));
  }

  static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonObject json(HttpResponse<byte[]> response) {
    assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(null));
    return new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
  void eachMethodWithHeadersAndABinaryBodyIsAnsweredWithTheRequestAsJson(String method, Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    byte[] body = allByteValues();

    JsonObject echoed = json(send(request(port, "/items/7?a=1&a=2&b=x%20y")
      .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
      .header("X-Repeated", "one")
      .header("X-Repeated", "two")
      .header("X-Single", "v")
      .build()));

    assertEquals(method, echoed.getString("method"));
    assertEquals("/items/7", echoed.getString("path"));
    assertEquals("a=1&a=2&b=x%20y", echoed.getString("query"));
    assertEquals(new JsonObject().put("a", new JsonArray().add("1").add("2")).put("b", new JsonArray().add("x y")),
      echoed.getJsonObject("params"));
    assertEquals("HTTP/1.1", echoed.getString("version"));
    assertEquals(new JsonArray().add("one").add("two"), echoed.getJsonObject("headers").getJsonArray("X-Repeated"));
    assertEquals(new JsonArray().add("v"), echoed.getJsonObject("headers").getJsonArray("X-Single"));
    assertEquals(new JsonArray().add("256"), echoed.getJsonObject("headers").getJsonArray("Content-Length"));
    assertEquals("base64", echoed.getString("bodyEncoding"));
    assertEquals(256, echoed.getInteger("bodyBytes"));
    assertArrayEquals(body, Base64.getDecoder().decode(echoed.getString("body")));
    assertEquals("127.0.0.1", echoed.getJsonObject("client").getString("address"));
    assertTrue(echoed.getJsonObject("client").getInteger("port") > 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
  void eachMethodWithABinaryBodyGetsItBackByteForByteWhenRawIsAsked(String method, Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    byte[] body = allByteValues();

    HttpResponse<byte[]> response = send(request(port, "/any/path?raw")
      .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
      .build());

    assertEquals(200, response.statusCode());
    assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElse(null));
    assertArrayEquals(body, response.body());
  }

  @Test
  void acceptingOctetStreamAsksForTheRawBody(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    byte[] body = allByteValues();

    HttpResponse<byte[]> response = send(request(port, "/upload")
      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
      .header("Accept", "text/plain;q=0.5, application/octet-stream")
      .build());

    assertArrayEquals(body, response.body());
  }

  @Test
  void aUtf8BodyIsInTheJsonAsText(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    String text = "héllo ✓\n";

    JsonObject echoed = json(send(request(port, "/").PUT(HttpRequest.BodyPublishers.ofString(text)).build()));

    assertEquals("utf-8", echoed.getString("bodyEncoding"));
    assertEquals(text, echoed.getString("body"));
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, echoed.getInteger("bodyBytes"));
  }

  @Test
  void aRequestWithoutQueryHasNullQueryAndNoParams(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    JsonObject echoed = json(send(request(port, "/plain").GET().build()));

    assertEquals(null, echoed.getString("query"));
    assertEquals(new JsonObject(), echoed.getJsonObject("params"));
    assertEquals("", echoed.getString("body"));
  }

  @Test
  void eachRequestIsOneLogLineWithTheEscapedMethodAndTargetAndThePeer(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    try (LogCapture log = LogCapture.ofAll(); Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      // a backslash and a byte that is not UTF-8 in the target: both escaped in the line
      socket.getOutputStream().write("GET /a\\b\u00ffc?x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);

      String peer = "127.0.0.1:" + socket.getLocalPort();
      List<String> lines = log.texts(line -> line.contains(peer));
      assertEquals(List.of("http GET /a\\\\b\\xffc?x from " + peer), lines);
    }
  }

  @Test
  void inputThatIsNotHttpIsAnswered400AndClosedWithOneLogLine(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    try (LogCapture log = LogCapture.ofAll(); Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("\u001b[31mnot http at all\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

      // Netty answers a request line it cannot read as HTTP/1.0
      assertTrue(answer.startsWith("HTTP/1.0 400 "), answer);
      String peer = "127.0.0.1:" + socket.getLocalPort();
      log.await(line -> line.contains("malformed"));
      List<String> lines = log.texts(line -> line.contains(peer));
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("http: malformed request from " + peer + ": "), lines.get(0));
      assertTrue(!lines.get(0).contains("\u001b"), lines.get(0));
    }
  }

  @Test
  void aClientResetInTheMiddleOfABodyIsOneLogLine(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    try (LogCapture log = LogCapture.ofAll(); Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      String peer = "127.0.0.1:" + socket.getLocalPort();
      socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc"
        .getBytes(StandardCharsets.US_ASCII));
      log.await(line -> line.equals("http POST / from " + peer));
      socket.setSoLinger(true, 0);
      socket.close();

      String error = log.await(line -> line.contains(peer) && !line.startsWith("http POST"));
      assertTrue(error.startsWith("http connection error " + peer + ": "), error);
      assertEquals(2, log.texts(line -> line.contains(peer)).size(), log.texts(line -> true).toString());
    }
  }
}
