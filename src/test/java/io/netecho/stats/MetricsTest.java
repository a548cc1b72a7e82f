package io.netecho.stats;

import io.netecho.log.DroppedLogLines;
import io.netecho.testing.NodeTest;
import io.netecho.testing.PrometheusText;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: Prometheus text, Vert.x's meters and ours. */
@Timeout(30)
class MetricsTest extends NodeTest {

  @Test
  void metricsAreParseablePrometheusTextWithConnectionsBytesAndReplies() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (Socket client = node.connect()) {
      RunningNode.exchange(client, "hello");
      HttpResponse<String> response = node.get("/metrics");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
      Map<String, Double> samples = PrometheusText.parse(response.body());
      assertEquals(1.0, samples.get("netecho_connections_active"), samples.toString());
      assertEquals(1.0, samples.get("netecho_connections_total"));
      assertEquals(1.0, samples.get("netecho_replies_total"));
      assertEquals(0.0, samples.get("netecho_replies_dropped_total"));
      assertEquals(5.0, samples.get("netecho_received_bytes_total"));
      assertEquals("Repeating: hello".length(), samples.get("netecho_sent_bytes_total"));
    }
  }

  @Test
  void logLinesDroppedByTheConsoleAreExported() throws Exception {
    node = RunningNode.start(new JsonObject());
    Map<String, Double> samples = PrometheusText.parse(node.get("/metrics").body());
    assertEquals((double) DroppedLogLines.total(), samples.get("netecho_log_lines_dropped_total"), samples.toString());
  }

  @Test
  void vertxNetServerMetricsCarryNoRemoteAddressLabel() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (Socket client = node.connect()) {
      RunningNode.exchange(client, "x");
      String text = node.get("/metrics").body();
      Map<String, Double> samples = PrometheusText.parse(text);
      assertEquals(1.0, samples.get("vertx_net_server_active_connections"), text);
      assertTrue(text.lines().noneMatch(line -> line.contains("remote=")), text);
      // the client's port as a label value or in an address, not the same digits inside a byte count
      String port = Integer.toString(client.getLocalPort());
      assertTrue(text.lines().noneMatch(line -> line.contains(":" + port) || line.contains("\"" + port + "\"")), text);
    }
  }
}
