package io.netecho.http;

import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code http.maxBodyBytes}: a body over it is answered 413 with one line and never buffered, and
 * the connection ends; a body of exactly the limit is echoed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class HttpBodyLimitTest {

  private static final int MAX = 1000;
  private static final String TOO_LARGE = "HTTP/1.1 413 Request Entity Too Large\r\n";

  private Socket socket;

  @AfterEach
  void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }

  private int deploy(Vertx vertx) {
    return HttpEchoServer.deploy(vertx, new JsonObject().put("http", new JsonObject().put("maxBodyBytes", MAX))).httpPort();
  }

  private OutputStream connect(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return socket.getOutputStream();
  }

  /** Everything the server sends until its FIN. */
  private String answerToTheEnd() throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    Arrays.fill(bytes, (byte) 'x');
    return bytes;
  }

  private static String head(String extraHeaders) {
    return "POST /upload?raw HTTP/1.1\r\nHost: t\r\n" + extraHeaders + "\r\n";
  }

  @Test
  void aDeclaredBodyOverTheLimitIsAnswered413AndTheConnectionEnds(Vertx vertx) throws Exception {
    OutputStream out = connect(deploy(vertx));
    out.write(head("Content-Length: " + (MAX + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes(MAX + 1));

    String answer = answerToTheEnd();

    assertTrue(answer.startsWith(TOO_LARGE), answer);
    assertTrue(answer.endsWith("\r\n\r\nrequest body over " + MAX + " bytes (http.maxBodyBytes)\n"), answer);
  }

  @Test
  void aChunkedBodyGrowingOverTheLimitIsAnswered413AndTheConnectionEnds(Vertx vertx) throws Exception {
    OutputStream out = connect(deploy(vertx));
    out.write(head("Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 3; i++) {
      out.write("258\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(bytes(600));
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertTrue(answerToTheEnd().startsWith(TOO_LARGE));
  }

  @Test
  void aClientWaitingFor100ContinueGets413InsteadAndTheConnectionEnds(Vertx vertx) throws Exception {
    OutputStream out = connect(deploy(vertx));
    out.write(head("Content-Length: 1000000\r\nExpect: 100-continue\r\n").getBytes(StandardCharsets.US_ASCII));

    assertTrue(answerToTheEnd().startsWith(TOO_LARGE));
  }

  @Test
  void aBodyOfExactlyTheLimitIsEchoed(Vertx vertx) throws Exception {
    OutputStream out = connect(deploy(vertx));
    out.write(head("Content-Length: " + MAX + "\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes(MAX));

    String answer = answerToTheEnd();

    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(answer.substring(answer.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1));
    assertArrayEquals(bytes(MAX), body.toByteArray());
  }

  @Test
  void anOversizeBodyIsOneLogLine(Vertx vertx) throws Exception {
    int port = deploy(vertx);
    try (LogCapture log = LogCapture.ofAll()) {
      OutputStream out = connect(port);
      out.write(head("Content-Length: " + (MAX + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes(MAX + 1));
      answerToTheEnd();

      String peer = "127.0.0.1:" + socket.getLocalPort();
      assertEquals(1, log.texts(line -> line.contains("413")).size(), log.texts(line -> true).toString());
      assertEquals("http request body from " + peer + " over " + MAX + " bytes: answered 413",
        log.await(line -> line.contains("413")));
    }
  }
}
