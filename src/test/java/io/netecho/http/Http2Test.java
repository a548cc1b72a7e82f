package io.netecho.http;

import io.netecho.testing.Commands;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTTP echo speaks HTTP/2: h2c by prior knowledge and by {@code Upgrade}, h2 over TLS by ALPN, with
 * {@code http.maxConcurrentStreams} advertised; the admin port stays HTTP/1.x. Driven by real clients:
 * the JDK's, curl, nghttp and h2load (a test skips where its binary is missing).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class Http2Test {

  /** Runs {@code command}, returns its standard output (stderr merged); fails on a non-zero exit. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running: " + String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
    return output;
  }

  /** curl's body followed by a last line with the HTTP version it used. */
  private static List<String> curl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "20", "-w", "\\n%{http_version}"));
    command.addAll(List.of(arguments));
    return run(command.toArray(String[]::new)).lines().toList();
  }

  @Test
  void theJdkClientUpgradesToH2c(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).timeout(Duration.ofSeconds(10)).build();

    client.send(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(HttpClient.Version.HTTP_2, second.version());
    assertEquals("HTTP/2", new JsonObject(second.body()).getString("version"));
  }

  @Test
  void curlWithPriorKnowledgeSpeaksH2c(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("curl"), "curl is not installed");
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    List<String> out = curl("--http2-prior-knowledge", "http://127.0.0.1:" + port + "/get?a=1");

    assertEquals("2", out.get(out.size() - 1));
    assertEquals("1", new JsonObject(String.join("\n", out.subList(0, out.size() - 1))).getJsonObject("args").getString("a"));
  }

  @Test
  void curlUpgradesToH2cAndTheEchoSaysHttp2(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("curl"), "curl is not installed");
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    List<String> out = curl("--http2", "http://127.0.0.1:" + port + "/x");

    assertEquals("2", out.get(out.size() - 1));
    assertEquals("HTTP/2", new JsonObject(String.join("\n", out.subList(0, out.size() - 1))).getString("version"));
  }

  @Test
  void curlOverTlsGetsH2ByAlpn(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("curl"), "curl is not installed");
    TestCertificates.Pair pair = TestCertificates.shared("http2");
    int port = HttpEchoServer.deploy(vertx, new JsonObject().put("tls", pair.tlsConfig())).httpPort();

    List<String> out = curl("--http2", "--cacert", pair.cert().toString(), "https://localhost:" + port + "/x");
    List<String> http11 = curl("--http1.1", "--cacert", pair.cert().toString(), "https://localhost:" + port + "/x");

    assertEquals("2", out.get(out.size() - 1));
    JsonObject echoed = new JsonObject(String.join("\n", out.subList(0, out.size() - 1)));
    assertEquals("HTTP/2", echoed.getString("version"));
    assertEquals("h2", echoed.getJsonObject("tls").getString("alpnChosen"));
    assertEquals("1.1", http11.get(http11.size() - 1));
  }

  @Test
  void theMaxConcurrentStreamsSettingIsAdvertised(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("nghttp"), "nghttp (nghttp2-client) is not installed");
    int port = HttpEchoServer.deploy(vertx, new JsonObject().put("http", new JsonObject().put("maxConcurrentStreams", 7)))
      .httpPort();

    String out = run("nghttp", "-nv", "http://127.0.0.1:" + port + "/x");

    assertTrue(out.contains("[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):7]"), out);
  }

  @Test
  void h2loadGetsEveryRequestAnswered(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("h2load"), "h2load (nghttp2-client) is not installed");
    int port = HttpEchoServer.deploy(vertx, new JsonObject().put("http", new JsonObject().put("maxConcurrentStreams", 4)))
      .httpPort();

    String out = run("h2load", "-n", "200", "-c", "2", "-m", "8", "http://127.0.0.1:" + port + "/status/204");

    assertTrue(out.contains("200 succeeded, 0 failed, 0 errored"), out);
    assertTrue(out.contains("status codes: 200 2xx, 0 3xx, 0 4xx, 0 5xx"), out);
  }

  @Test
  void theAdminPortStaysHttp1(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("curl"), "curl is not installed");
    int admin = HttpEchoServer.deploy(vertx, new JsonObject().put("admin", new JsonObject().put("enabled", true).put("port", 0)))
      .adminPort();

    List<String> out = curl("--http2", "http://127.0.0.1:" + admin + "/health/live");

    assertEquals("1.1", out.get(out.size() - 1));
  }
}
