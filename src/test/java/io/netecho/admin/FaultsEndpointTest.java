package io.netecho.admin;

import io.netecho.testing.NodeTest;
import io.netecho.testing.PrometheusText;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET}/{@code PUT /faults}: the main port's fault profile, read and replaced at run time. */
@Timeout(30)
class FaultsEndpointTest extends NodeTest {

  private static final String BEARER = "Bearer " + RunningNode.TOKEN;

  private HttpResponse<String> put(String body, String... headers) throws Exception {
    HttpRequest.Builder request = node.request("/faults").PUT(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return node.send(request.build());
  }

  /** Sends {@code hello}, then FIN, and answers all that came back before the server's FIN. */
  private static String exchangeToEnd(Socket client) throws Exception {
    client.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
    client.shutdownOutput();
    ByteArrayOutputStream echoed = new ByteArrayOutputStream();
    client.getInputStream().transferTo(echoed);
    return echoed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void putFaultsWithoutTheTokenIsUnauthorized() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = put("{\"close\":{\"afterBytes\":3}}");
    assertEquals(401, response.statusCode(), response.body());
    assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElse(""));
  }

  @Test
  void withoutAConfiguredTokenFaultsAreForbidden() throws Exception {
    node = RunningNode.start(new JsonObject().put("admin", new JsonObject().putNull("token")));
    HttpResponse<String> response = node.send(node.request("/faults").header("Authorization", "Bearer x").GET().build());
    assertEquals(403, response.statusCode(), response.body());
  }

  @Test
  void getFaultsShowsTheConfiguredProfileWithEveryKey() throws Exception {
    node = RunningNode.start(new JsonObject().put("faults", new JsonObject()
      .put("latency", new JsonObject().put("ms", 100).put("toxicity", 0.25))));
    HttpResponse<String> response = node.send(node.request("/faults").header("Authorization", BEARER).GET().build());
    assertEquals(200, response.statusCode(), response.body());
    JsonObject profile = RunningNode.json(response);
    assertEquals(new JsonObject().put("ms", 100).put("jitterMs", 0).put("toxicity", 0.25), profile.getJsonObject("latency"));
    assertEquals(new JsonObject().put("afterBytes", 0).put("afterMs", 0).put("toxicity", 1.0), profile.getJsonObject("reset"));
  }

  @Test
  void putFaultsChangesWhatNewConnectionsGetAndNotTheOpenOnes() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (Socket before = node.connect()) {
      // answered, so served: its faults were dealt before the change
      before.getOutputStream().write("hi".getBytes(StandardCharsets.UTF_8));
      assertEquals("Repeating: hi", new String(before.getInputStream().readNBytes(13), StandardCharsets.UTF_8));
      HttpResponse<String> response = put("{\"close\":{\"afterBytes\":3}}", "Authorization", BEARER);
      assertEquals(200, response.statusCode(), response.body());
      assertEquals(3, RunningNode.json(response).getJsonObject("close").getInteger("afterBytes"));
      try (Socket after = node.connect()) {
        assertEquals("Rep", exchangeToEnd(after));
      }
      assertEquals("Repeating: hello", exchangeToEnd(before));
    }
  }

  @Test
  void aBadProfileIsABadRequestNamingTheKeyAndChangesNothing() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = put("{\"latency\":{\"ms\":-1}}", "Authorization", BEARER);
    assertEquals(400, response.statusCode(), response.body());
    assertEquals("faults.latency.ms: -1 must be >= 0", RunningNode.json(response).getString("error"));
    try (Socket client = node.connect()) {
      assertEquals("Repeating: hello", exchangeToEnd(client));
    }
  }

  @Test
  void bodyThatIsNotAJsonObjectIsABadRequest() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = put("[1,2]", "Authorization", BEARER);
    assertEquals(400, response.statusCode(), response.body());
    assertEquals("the body must be a JSON object, e.g. {\"latency\":{\"ms\":100}}", RunningNode.json(response).getString("error"));
  }

  @Test
  void faultsDealtAreCountedInStatsAndMetrics() throws Exception {
    node = RunningNode.start(new JsonObject().put("faults", new JsonObject()
      .put("slowClose", new JsonObject().put("ms", 1))
      .put("timeout", new JsonObject().put("ms", 60_000).put("toxicity", 0))));
    for (int i = 0; i < 2; i++) {
      try (Socket client = node.connect()) {
        RunningNode.exchange(client, "x");
      }
    }
    JsonObject stats = node.stats();
    assertEquals(2, stats.getLong("faultsSlowClose"), stats.encode());
    assertEquals(0, stats.getLong("faultsTimeout"), stats.encode());
    Map<String, Double> samples = PrometheusText.parse(node.get("/metrics").body());
    assertEquals(2.0, samples.get("netecho_faults_applied_total{fault=\"slowClose\",port=\"tcp\"}"), samples.toString());
    assertEquals(0.0, samples.get("netecho_faults_applied_total{fault=\"timeout\",port=\"tcp\"}"));
  }
}
