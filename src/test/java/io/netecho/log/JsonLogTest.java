package io.netecho.log;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code log.format=json}: each connection line one JSON object, the client's bytes escaped and the peer a field. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class JsonLogTest {

  private ConsoleCapture console;

  @AfterEach
  void backToText() {
    LogFormat.TEXT.apply();
    console.close();
  }

  @Test
  void clientDataWithQuotesBackslashesNewlinesAndEscIsEscapedAndRoundTrips(Vertx vertx) throws Exception {
    console = ConsoleCapture.of(LogCapture.CONNECTIONS, 1024);
    int port = EchoServers.deploy(vertx, new JsonObject().put("log", new JsonObject().put("format", "json"))).await();
    String chunk = "say \"hi\" \\ back\\slash\nnext line\u001b[31mred\r\t\u0000 café";
    String peer;
    try (EchoClient client = new EchoClient(port)) {
      peer = "127.0.0.1:" + client.localPort();
      client.send(chunk).read(("Repeating: " + chunk).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
    console.await(text -> text.contains("client closed connection"), 10_000);
    List<JsonObject> lines = console.lines().stream().map(JsonObject::new).toList();
    assertEquals(List.of("connected " + peer, LogText.escape(Buffer.buffer(chunk), 200) + " from " + peer,
      "client closed connection " + peer), lines.stream().filter(line -> line.getString("level").equals("INFO"))
      .map(line -> line.getString("formattedMessage")).toList());
    for (JsonObject line : lines) {
      assertEquals(LogCapture.CONNECTIONS, line.getString("loggerName"));
      assertEquals(peer, line.getJsonArray("kvpList").getJsonObject(0).getString("peer"));
      assertTrue(line.getString("threadName").startsWith("vert.x-eventloop-thread-"), line.encode());
    }
  }
}
