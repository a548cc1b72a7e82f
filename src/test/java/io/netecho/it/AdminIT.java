package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin endpoint of a real process, under either launcher: each switches Vert.x's metrics on
 * before Vert.x starts and hands them to the node, so {@code /metrics} carries Vert.x's meters too.
 */
@Timeout(120)
class AdminIT extends ServerProcessTest {

  private static final String CONF =
    "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"host\":\"127.0.0.1\",\"port\":0}}";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();


  private static HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(10)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private void assertServesHealthAndMetricsAndStopsCleanly() throws Exception {
    int echo = server.awaitListening();
    int admin = Integer.parseInt(server.await("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)", 60).group(1));
    assertEquals(200, get(admin, "/health").statusCode());
    assertEquals("Repeating: measured", FatJarIT.echo(echo, "measured"));
    String metrics = get(admin, "/metrics").body();
    assertTrue(metrics.contains("\nvertx_net_server_active_connections"), metrics);
    assertTrue(metrics.contains("\nnetecho_connections_total 1.0"), metrics);
    assertEquals(1, server.lines().stream().filter(l -> l.contains("listening on port")).count(), server.output());
    assertEquals(1, server.lines().stream().filter(l -> l.contains("admin endpoint on")).count(), server.output());
    server.terminate();
    assertEquals(0, server.awaitExit(30), server.output());
  }

  @Test
  void theFatJarWithTwoInstancesServesOneAdminEndpointWithVertxMetrics() throws Exception {
    server = ServerProcess.jar("-instances", "2", "-conf", CONF);
    assertServesHealthAndMetricsAndStopsCleanly();
  }

  @Test
  void vertxRunServesTheAdminEndpointWithVertxMetrics() throws Exception {
    server = ServerProcess.start(List.of("bash", ServerProcess.ROOT.resolve("scripts/vertx").toString(),
      "run", "io.netecho.EchoVerticle", "-conf", CONF));
    assertServesHealthAndMetricsAndStopsCleanly();
  }
}
