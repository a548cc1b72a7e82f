package io.netecho.admin;

import io.netecho.build.Version;
import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /health/live}, {@code /health/ready} and {@code /health}, the probes Kubernetes and load balancers ask. */
@Timeout(30)
class ProbesTest extends NodeTest {

  private HttpResponse<String> head(String path) throws Exception {
    return node.send(node.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  @Test
  void aListeningNodeIsLiveAndReady() throws Exception {
    node = RunningNode.start(new JsonObject());
    for (String probe : new String[] {"/health/live", "/health/ready"}) {
      HttpResponse<String> response = node.get(probe);
      assertEquals(200, response.statusCode(), probe + ": " + response.body());
      assertEquals("UP", RunningNode.json(response).getString("status"), probe);
    }
  }

  @Test
  void headAnswers200WithoutABodyWhereverGetIsServed() throws Exception {
    node = RunningNode.start(new JsonObject());
    for (String path : new String[] {"/health", "/health/live", "/health/ready", "/stats", "/metrics"}) {
      HttpResponse<String> response = head(path);
      assertEquals(200, response.statusCode(), path);
      assertEquals("", response.body(), path);
    }
  }

  @Test
  void aRequestedStopMakesTheNodeNotReadyWhileItStaysLive() throws Exception {
    node = RunningNode.start(new JsonObject());
    io.netecho.node.Node.of(node.vertx).readiness().stopRequested();
    HttpResponse<String> ready = node.get("/health/ready");
    assertEquals(503, ready.statusCode(), ready.body());
    assertEquals("stopping", RunningNode.json(ready).getString("reason"));
    assertEquals(503, node.get("/health").statusCode());
    assertEquals(200, node.get("/health/live").statusCode());
  }

  @Test
  void healthKeepsItsFieldsAndAddsTheVersion() throws Exception {
    node = RunningNode.start(new JsonObject());
    JsonObject health = RunningNode.json(node.get("/health"));
    assertEquals("UP", health.getString("status"));
    assertEquals(false, health.getBoolean("clustered"));
    assertEquals(36, health.getString("node").length(), health.encode());
    assertEquals(Version.current(), health.getString("version"));
  }

  @Test
  void aProbeThatDoesNotExistIsNotFound() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = node.get("/health/started");
    assertEquals(404, response.statusCode());
    assertEquals("not found", RunningNode.json(response).getString("error"));
  }
}
