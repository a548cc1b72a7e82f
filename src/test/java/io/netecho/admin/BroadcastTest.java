package io.netecho.admin;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /broadcast} on a node of its own: the token rules, the size limit, the delivery. */
@Timeout(30)
class BroadcastTest extends NodeTest {


  @Test
  void withoutAConfiguredTokenBroadcastIsForbidden() throws Exception {
    node = RunningNode.start(new JsonObject().put("admin", new JsonObject().putNull("token")));
    HttpResponse<String> response = node.post("/broadcast", "hi", "Authorization", "Bearer anything");
    assertEquals(403, response.statusCode(), response.body());
  }

  @Test
  void withoutAnAuthorizationHeaderItIsUnauthorized() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = node.post("/broadcast", "hi");
    assertEquals(401, response.statusCode(), response.body());
    assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElse(""));
  }

  @Test
  void withAWrongTokenItIsUnauthorized() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = node.post("/broadcast", "hi", "Authorization", "Bearer " + RunningNode.TOKEN + "x");
    assertEquals(401, response.statusCode(), response.body());
  }

  @Test
  void withTheTokenEveryClientGetsTheMessageAndTheAnswerCountsThem() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (Socket first = node.connect(); Socket second = node.connect()) {
      RunningNode.exchange(first, "a");
      RunningNode.exchange(second, "b");
      HttpResponse<String> response = node.post("/broadcast", "news\n", "Authorization", "Bearer " + RunningNode.TOKEN);
      assertEquals(200, response.statusCode(), response.body());
      JsonObject answer = RunningNode.json(response);
      assertEquals(2, answer.getInteger("clients"));
      assertEquals(2, answer.getInteger("received"));
      assertEquals(1, answer.getInteger("nodes"));
      assertTrue(answer.getJsonArray("missing").isEmpty());
      for (Socket client : new Socket[] {first, second}) {
        assertEquals("news\n", new String(client.getInputStream().readNBytes(5), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void aMessageOverSixtyFourKibibytesIsTooLarge() throws Exception {
    node = RunningNode.start(new JsonObject());
    String body = "x".repeat(AdminServer.MAX_BROADCAST_BYTES + 1);
    HttpResponse<String> response = node.post("/broadcast", body, "Authorization", "Bearer " + RunningNode.TOKEN);
    assertEquals(413, response.statusCode(), response.body());
  }

  @Test
  void aChunkedMessageOverSixtyFourKibibytesIsTooLarge() throws Exception {
    node = RunningNode.start(new JsonObject());
    byte[] chunk = new byte[16 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    var body = java.net.http.HttpRequest.BodyPublishers.ofByteArrays(java.util.Collections.nCopies(5, chunk));
    HttpResponse<String> response = node.send(node.request("/broadcast")
      .header("Authorization", "Bearer " + RunningNode.TOKEN).POST(body).build());
    assertEquals(413, response.statusCode(), response.body());
  }

  @Test
  void anEmptyMessageIsABadRequest() throws Exception {
    node = RunningNode.start(new JsonObject());
    HttpResponse<String> response = node.post("/broadcast", "", "Authorization", "Bearer " + RunningNode.TOKEN);
    assertEquals(400, response.statusCode(), response.body());
  }
}
