package io.netecho.admin;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /health}. */
@Timeout(30)
class HealthTest extends NodeTest {


  @Test
  void aListeningNodeAnswers200WithStatusUp() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = node.get("/health");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    JsonObject health = RunningNode.json(response);
    assertEquals("UP", health.getString("status"));
    assertEquals(false, health.getBoolean("clustered"));
  }
}
