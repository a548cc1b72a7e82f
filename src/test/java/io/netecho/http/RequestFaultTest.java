package io.netecho.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-request faults on the echo: a reset or a cut after N body bytes, or no answer at all. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class RequestFaultTest {

  private Socket socket;

  @AfterEach
  void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }

  private InputStream get(int port, String target) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    return socket.getInputStream();
  }

  /** Reads the head, up to its blank line. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "connection ended in the head: " + head);
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void truncateSendsTheFirstBytesOfALongerContentLengthThenAFin(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    InputStream in = get(port, "/x?size=100&truncate=10");

    String head = head(in);
    byte[] body = in.readAllBytes();

    assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
    assertTrue(head.toLowerCase().contains("content-length: 100\r\n"), head);
    assertEquals("0123456789", new String(body, StandardCharsets.US_ASCII));
  }

  @Test
  void resetSendsTheFirstBytesThenAReset(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    InputStream in = get(port, "/x?size=100&reset=5");

    String head = head(in);
    byte[] first = in.readNBytes(5);

    assertTrue(head.toLowerCase().contains("content-length: 100\r\n"), head);
    assertEquals("01234", new String(first, StandardCharsets.US_ASCII));
    SocketException reset = assertThrows(SocketException.class, in::read);
    assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
  }

  @Test
  void hangAnswersNothing(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    InputStream in = get(port, "/x?hang");
    socket.setSoTimeout(500);

    assertThrows(SocketTimeoutException.class, in::read);
  }

  @Test
  void eachRequestFaultIsCountedOnTheHttpPort(Vertx vertx) throws Exception {
    HttpEchoServer server = HttpEchoServer.deploy(vertx, new JsonObject()
      .put("admin", new JsonObject().put("enabled", true).put("host", "127.0.0.1").put("port", 0)));
    get(server.httpPort(), "/x?size=100&truncate=10").readAllBytes();
    InputStream reset = get(server.httpPort(), "/x?size=100&reset=5");
    assertThrows(SocketException.class, reset::readAllBytes);
    get(server.httpPort(), "/x?hang");

    // the hang has no answer to wait for: its count is awaited instead, for at most 5 s
    JsonObject node = stats(server);
    for (int i = 0; i < 250 && node.getLong("httpFaultsRequestHang") == 0; i++) {
      Thread.sleep(20);
      node = stats(server);
    }

    assertEquals(1, node.getLong("httpFaultsRequestTruncate"), node.encode());
    assertEquals(1, node.getLong("httpFaultsRequestReset"));
    assertEquals(1, node.getLong("httpFaultsRequestHang"));
    assertEquals(0, node.getLong("faultsReset"), "nothing counted on the echo port");
  }

  private static JsonObject stats(HttpEchoServer server) throws Exception {
    HttpResponse<byte[]> response = HttpEchoTest.send(HttpEchoTest.request(server.adminPort(), "/stats").GET().build());
    assertEquals(200, response.statusCode());
    return new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getJsonObject("node");
  }

  @Test
  void aBadFaultIs400(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    InputStream in = get(port, "/x?reset=-1");

    String head = head(in);

    assertTrue(head.startsWith("HTTP/1.1 400 Bad Request\r\n"), head);
    assertEquals("reset -1 is not an integer >= 0\n", new String(in.readNBytes(32), StandardCharsets.US_ASCII));
  }
}
