package io.netecho.admin;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths and methods the admin endpoint does not serve: short JSON errors, never a stack trace. */
@Timeout(30)
class AdminRoutingTest extends NodeTest {


  @Test
  void anUnknownPathIsNotFound() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = node.get("/admin/../etc/passwd");
    assertEquals(404, response.statusCode());
    assertEquals("not found", RunningNode.json(response).getString("error"));
  }

  @Test
  void aKnownPathWithAnotherMethodIsNotAllowedAndNamesTheAllowedOne() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> deleteStats = node.send(node.request("/stats").DELETE().build());
    assertEquals(405, deleteStats.statusCode());
    assertEquals("GET", deleteStats.headers().firstValue("allow").orElse(""));
    HttpResponse<String> getBroadcast = node.get("/broadcast");
    assertEquals(405, getBroadcast.statusCode());
    assertEquals("POST", getBroadcast.headers().firstValue("allow").orElse(""));
  }

  @Test
  void errorAnswersAreOneJsonObjectWithoutAStackTrace() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = node.send(node.request("/metrics")
      .method("PUT", HttpRequest.BodyPublishers.ofString("x")).build());
    assertEquals(405, response.statusCode());
    JsonObject error = RunningNode.json(response);
    assertEquals(1, error.size(), response.body());
    assertTrue(!response.body().contains("\tat ") && !response.body().contains("Exception"), response.body());
  }
}
