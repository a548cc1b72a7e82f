package io.netecho.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input the admin endpoint cannot or will not take, sent to the jar's admin port as raw bytes: each is
 * answered without a stack trace on the wire or in the server's output, input that is not HTTP (or
 * over the request-line and header limits) is one log line and a closed connection, and the endpoint
 * keeps serving.
 */
@Timeout(60)
class AdminHostileInputIT {

  private static final String TOKEN = "it-token-0123456789";
  private static final String CONF = "{\"host\":\"127.0.0.1\",\"port\":0,\"log\":{\"data\":false},"
    + "\"admin\":{\"host\":\"127.0.0.1\",\"port\":0,\"token\":\"" + TOKEN + "\"}}";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** A line of a Java stack trace, or of the exception heading one. */
  private static final Pattern STACK_TRACE = Pattern.compile("^\\s+at |^\\s*Caused by:|^[\\w.$]+(Exception|Error)(: |$)");
  /** The line a well-formed {@code PUT /faults} logs: the sentinel that ends a case's output. */
  private static final String SENTINEL = "faults for new connections: ";

  private static ServerProcess server;
  private static int admin;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.jar("-conf", CONF);
    server.awaitListening();
    admin = Integer.parseInt(server.await("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)", 60).group(1));
    // the launcher's own last start-up line, so no start-up output lands in a test's window
    server.await("Succeeded in deploying verticle", 60);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Writes {@code request} and reads until the server closes, or 10 s have passed. */
  private static String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", admin)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          answer.write(buffer, 0, n);
        }
      } catch (SocketException resetAfterTheAnswer) {
        // what arrived before a reset is the answer
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The server's output lines from {@code from} on, up to a sentinel: a well-formed request that is
   * logged ({@code PUT /faults} of the profile it already has, every fault off), made after the
   * case's input, so that whatever the server wrote about the case is out before it.
   */
  private static List<String> linesBeforeSentinel(int from) throws Exception {
    HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/faults"))
      .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10))
      .PUT(HttpRequest.BodyPublishers.ofString("{}")).build();
    assertEquals(200, HTTP.send(put, HttpResponse.BodyHandlers.ofString()).statusCode());
    int sentinel = server.awaitLine(from, Pattern.quote(SENTINEL), 10);
    return server.lines().subList(from, sentinel);
  }

  private static void assertNoStackTrace(String where, List<String> lines) {
    for (String line : lines) {
      assertTrue(!STACK_TRACE.matcher(line).find(), where + " has a stack trace line: " + line);
    }
  }

  /** One answer status, a JSON error body without a stack trace, and the connection closed by the server. */
  private static void assertAnsweredAndClosed(String answer, int status) {
    assertTrue(answer.matches("(?s)HTTP/1\\.[01] " + status + " .*"), answer);
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    assertTrue(body.startsWith("{") && body.contains("\"error\""), answer);
    assertNoStackTrace("the answer", answer.lines().toList());
    assertTrue(!answer.contains("Exception"), answer);
  }

  /** Exactly one WARN line, naming {@code problem}, and nothing else in the output. */
  private static void assertOneLogLine(int from, String problem) throws Exception {
    server.await(Pattern.quote(problem) + ".*closed the connection", 10);
    List<String> lines = linesBeforeSentinel(from);
    assertNoStackTrace("the server's output", lines);
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains(" WARN ") && lines.get(0).contains("admin: " + problem + " from 127.0.0.1:"),
      lines.get(0));
  }

  private static void assertStillServing() throws Exception {
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/health"))
      .timeout(Duration.ofSeconds(10)).build();
    assertEquals(200, HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void bytesThatAreNotHttpAreAnswered400WithOneLogLineAndTheConnectionIsClosed() throws Exception {
    int from = server.lines().size();
    ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    for (int b = 0; b < 256; b++) {
      garbage.write(b);
    }
    garbage.writeBytes(ascii("\r\n\r\n"));
    assertAnsweredAndClosed(exchange(garbage.toByteArray()), 400);
    assertOneLogLine(from, "not an HTTP request");
    assertStillServing();
  }

  @Test
  void aRequestLineOverFourKibibytesIsAnswered414WithOneLogLineAndTheConnectionIsClosed() throws Exception {
    int from = server.lines().size();
    String answer = exchange(ascii("GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertAnsweredAndClosed(answer, 414);
    assertOneLogLine(from, "request line over 4096 bytes");
    assertStillServing();
  }

  @Test
  void headersOverEightKibibytesAreAnswered431WithOneLogLineAndTheConnectionIsClosed() throws Exception {
    int from = server.lines().size();
    String answer = exchange(ascii("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n"));
    assertAnsweredAndClosed(answer, 431);
    assertOneLogLine(from, "headers over 8192 bytes");
    assertStillServing();
  }

  @Test
  void aBrokenChunkedBodyIsOneLogLineAndAClosedConnection() throws Exception {
    int from = server.lines().size();
    String answer = exchange(ascii("POST /broadcast HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
      + "\r\nTransfer-Encoding: chunked\r\n\r\nnot-a-chunk-size\r\nhello\r\n0\r\n\r\n"));
    assertNoStackTrace("the answer", answer.lines().toList());
    assertTrue(!answer.contains("Exception"), answer);
    server.await("admin: connection error 127\\.0\\.0\\.1:\\d+: ", 10);
    List<String> lines = linesBeforeSentinel(from);
    assertNoStackTrace("the server's output", lines);
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertStillServing();
  }

  @Test
  void aPathThatCannotBeDecodedIsAnswered400WithoutAStackTraceOrALogLine() throws Exception {
    int from = server.lines().size();
    String answer = exchange(ascii("GET /health/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    assertAnsweredAndClosed(answer, 400);
    assertEquals(List.of(), linesBeforeSentinel(from));
    assertStillServing();
  }

  @Test
  void aBroadcastBodyOverSixtyFourKibibytesIsAnswered413WithoutAStackTrace() throws Exception {
    int from = server.lines().size();
    byte[] body = new byte[65 * 1024];
    java.util.Arrays.fill(body, (byte) 'm');
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(ascii("POST /broadcast HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
      + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n"));
    request.writeBytes(body);
    String answer = exchange(request.toByteArray());
    assertAnsweredAndClosed(answer, 413);
    // an answered request, not hostile input: no log line at all
    List<String> lines = linesBeforeSentinel(from);
    assertEquals(List.of(), lines);
    assertStillServing();
  }
}
