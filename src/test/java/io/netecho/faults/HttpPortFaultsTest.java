package io.netecho.faults;

import io.netecho.testing.LogCapture;
import io.netecho.testing.NodeTest;
import io.netecho.testing.PrometheusText;
import io.netecho.testing.RunningNode;
import io.netecho.testing.TestCertificates;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code faults.*} profile on the HTTP echo port ({@code faults.ports} names {@code http}): what an
 * HTTP client sees of a cut, reset or slow connection, and that the port is left alone otherwise.
 */
@Timeout(30)
class HttpPortFaultsTest extends NodeTest {

  private static final String BEARER = "Bearer " + RunningNode.TOKEN;
  private static final String GET = "GET /anything HTTP/1.1\r\nHost: t\r\n\r\n";

  private final List<Socket> sockets = new ArrayList<>();
  private HttpClient vertxClient;

  @AfterEach
  void closeClients() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (vertxClient != null) {
      vertxClient.close().await();
    }
  }

  /** The HTTP echo on, and {@code faults} (with {@code ports}) as the profile. */
  private static JsonObject withFaults(JsonObject faults) {
    return new JsonObject()
      .put("http", new JsonObject().put("enabled", true).put("port", 0).put("host", "127.0.0.1"))
      .put("faults", faults);
  }

  private static JsonObject onHttp(JsonObject faults) {
    return faults.put("ports", new JsonArray().add("http"));
  }

  private Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private Socket request(String request) throws IOException {
    Socket socket = connect(node.httpPort);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  /** Reads until the end of the stream or a failure, which it answers (null at a clean end). */
  private static IOException readUntilEnd(InputStream in, ByteArrayOutputStream into) {
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        into.write(buffer, 0, n);
      }
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  /** One whole HTTP/1.1 response with a content-length: its status line and its body. */
  private static String[] response(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "connection ended in the head: " + head);
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    assertEquals(length, body.length, "body cut short after: " + text);
    return new String[] {text.substring(0, text.indexOf("\r\n")), new String(body, StandardCharsets.UTF_8)};
  }

  @Test
  void resetAfterBytesGivesTheHttpClientExactlyThoseBytesThenAReset() throws Exception {
    node = RunningNode.start(withFaults(onHttp(new JsonObject().put("reset", new JsonObject().put("afterBytes", 30)))));
    Socket client = request(GET);

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    IOException failure = readUntilEnd(client.getInputStream(), received);

    assertTrue(failure instanceof SocketException, "not a reset: " + failure);
    assertEquals("Connection reset", failure.getMessage());
    assertEquals(30, received.size(), received.toString(StandardCharsets.US_ASCII));
    assertTrue(received.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200 OK\r\n"), received.toString());
  }

  @Test
  void closeAfterBytesGivesTheHttpClientExactlyThoseBytesThenEof() throws Exception {
    node = RunningNode.start(withFaults(onHttp(new JsonObject().put("close", new JsonObject().put("afterBytes", 20)))));
    Socket client = request(GET);

    byte[] received = client.getInputStream().readAllBytes();

    String text = new String(received, StandardCharsets.US_ASCII);
    assertEquals(20, received.length, text);
    assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
  }

  @Test
  void latencyHoldsTheResponseAtLeastThatLong() throws Exception {
    node = RunningNode.start(withFaults(onHttp(new JsonObject().put("latency", new JsonObject().put("ms", 300)))));
    long sent = System.nanoTime();
    Socket client = request(GET);

    String[] response = response(client.getInputStream());

    long elapsedMs = (System.nanoTime() - sent) / 1_000_000;
    assertEquals("HTTP/1.1 200 OK", response[0]);
    assertEquals("http://t/anything", new JsonObject(response[1]).getString("url"), response[1]);
    assertTrue(elapsedMs >= 300, "answered after " + elapsedMs + " ms");
  }

  @Test
  void latencyHoldsAnHttp2ResponseByPriorKnowledge() throws Exception {
    node = RunningNode.start(withFaults(onHttp(new JsonObject().put("latency", new JsonObject().put("ms", 300)))));
    vertxClient = node.vertx.createHttpClient(new HttpClientOptions()
      .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    long sent = System.nanoTime();

    record Answer(HttpVersion version, int status, String body) {
    }
    Answer answer = vertxClient.request(HttpMethod.GET, node.httpPort, "127.0.0.1", "/anything")
      .compose(HttpClientRequest::send)
      .compose(response -> response.body().map(body -> new Answer(response.version(), response.statusCode(), body.toString())))
      .await();

    long elapsedMs = (System.nanoTime() - sent) / 1_000_000;
    assertEquals(HttpVersion.HTTP_2, answer.version());
    assertEquals(200, answer.status(), answer.body());
    assertTrue(elapsedMs >= 300, "answered after " + elapsedMs + " ms");
  }

  @Test
  void putFaultsChangesTheHttpPortsNewConnectionsAndNotTheOpenOnes() throws Exception {
    node = RunningNode.start(withFaults(new JsonObject()));
    Socket before = request(GET);
    assertEquals("HTTP/1.1 200 OK", response(before.getInputStream())[0]);

    HttpResponse<String> put = node.send(node.request("/faults").header("Authorization", BEARER)
      .PUT(HttpRequest.BodyPublishers.ofString("{\"ports\":[\"http\"],\"close\":{\"afterBytes\":12}}")).build());
    assertEquals(200, put.statusCode(), put.body());
    assertEquals(new JsonArray().add("http"), RunningNode.json(put).getJsonArray("ports"));

    Socket after = request(GET);
    assertEquals("HTTP/1.1 200", new String(after.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
    // the connection open before the change is still clean, and the echo port is not named by ports
    before.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
    assertEquals("HTTP/1.1 200 OK", response(before.getInputStream())[0]);
    try (Socket echo = node.connect()) {
      RunningNode.exchange(echo, "hello");
    }
  }

  @Test
  void aProfileForTheEchoPortsOnlyLeavesTheHttpPortAlone() throws Exception {
    try (LogCapture log = LogCapture.ofAll()) {
      node = RunningNode.start(withFaults(new JsonObject().put("close", new JsonObject().put("afterBytes", 12))));
      Socket client = request(GET);

      String[] answer = response(client.getInputStream());

      assertEquals("HTTP/1.1 200 OK", answer[0]);
      assertEquals("http://t/anything", new JsonObject(answer[1]).getString("url"), answer[1]);
      assertEquals(List.of(), log.texts(line -> line.startsWith("dealing faults to http")));
    }
    JsonObject stats = node.stats();
    assertEquals(0, stats.getLong("httpFaultsClose"), stats.encode());
  }

  @Test
  void noProfileAddsNothingToAnHttpConnection() throws Exception {
    try (LogCapture log = LogCapture.ofAll()) {
      node = RunningNode.start(withFaults(onHttp(new JsonObject())));
      Socket client = request(GET);

      assertEquals("HTTP/1.1 200 OK", response(client.getInputStream())[0]);
      assertEquals(List.of(), log.texts(line -> line.startsWith("dealing faults to")));
    }
    JsonObject stats = node.stats();
    for (Fault fault : Fault.values()) {
      String field = "httpFaults" + fault.key().substring(0, 1).toUpperCase(Locale.ROOT) + fault.key().substring(1);
      assertEquals(0, stats.getLong(field), field + " in " + stats.encode());
    }
  }

  @Test
  void faultsDealtToHttpConnectionsAreCountedUnderTheHttpPort() throws Exception {
    node = RunningNode.start(withFaults(onHttp(new JsonObject()
      .put("slowClose", new JsonObject().put("ms", 1))
      .put("timeout", new JsonObject().put("ms", 60_000).put("toxicity", 0)))));
    for (int i = 0; i < 2; i++) {
      Socket client = request(GET);
      assertEquals("HTTP/1.1 200 OK", response(client.getInputStream())[0]);
    }

    JsonObject stats = node.stats();
    assertEquals(2, stats.getLong("httpFaultsSlowClose"), stats.encode());
    assertEquals(0, stats.getLong("httpFaultsTimeout"), stats.encode());
    assertEquals(0, stats.getLong("faultsSlowClose"), stats.encode());
    Map<String, Double> samples = PrometheusText.parse(node.get("/metrics").body());
    assertEquals(2.0, samples.get("netecho_faults_applied_total{fault=\"slowClose\",port=\"http\"}"), samples.toString());
    assertEquals(0.0, samples.get("netecho_faults_applied_total{fault=\"slowClose\",port=\"tcp\"}"));
  }

  @Test
  void overTlsCloseAfterBytesCountsTheHttpBytesNotTheTlsRecords() throws Exception {
    TestCertificates.Pair pair = TestCertificates.shared("http-faults");
    node = RunningNode.start(withFaults(onHttp(new JsonObject().put("close", new JsonObject().put("afterBytes", 20))))
      .put("tls", pair.tlsConfig()));
    SSLSocket client = (SSLSocket) pair.trustedBy(node.vertx).getSocketFactory().createSocket("127.0.0.1", node.httpPort);
    sockets.add(client);
    client.setSoTimeout(10_000);
    client.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));

    byte[] received = client.getInputStream().readAllBytes();

    String text = new String(received, StandardCharsets.US_ASCII);
    assertEquals(20, received.length, text);
    assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
  }

  @Test
  void bandwidthPacesALargeResponseThatStillArrivesWhole() throws Exception {
    node = RunningNode.start(withFaults(onHttp(new JsonObject()
      .put("bandwidth", new JsonObject().put("bytesPerSecond", 400_000)))));
    long sent = System.nanoTime();
    Socket client = request("GET /bytes/200000 HTTP/1.1\r\nHost: t\r\n\r\n");

    String[] response = response(client.getInputStream());

    long elapsedMs = (System.nanoTime() - sent) / 1_000_000;
    assertEquals("HTTP/1.1 200 OK", response[0]);
    // the first piece (50 ms worth) leaves at once; the rest at the rate
    assertTrue(elapsedMs >= 400, "200000 bytes at 400000 B/s in " + elapsedMs + " ms");
  }

  @Test
  void slicerCutsAnHttp2ConnectionsBytesIntoPiecesAndTheAnswerIsWhole() throws Exception {
    node = RunningNode.start(withFaults(onHttp(new JsonObject()
      .put("slicer", new JsonObject().put("sliceBytes", 64).put("sliceDelayMs", 1)))));
    vertxClient = node.vertx.createHttpClient(new HttpClientOptions()
      .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));

    int length = vertxClient.request(HttpMethod.GET, node.httpPort, "127.0.0.1", "/bytes/5000")
      .compose(HttpClientRequest::send)
      .compose(response -> response.body().map(Buffer::length))
      .await();

    assertEquals(5000, length);
    assertEquals(1, node.stats().getLong("httpFaultsSlicer"));
  }
}
