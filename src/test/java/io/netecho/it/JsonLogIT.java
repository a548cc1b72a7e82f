package io.netecho.it;

import io.netecho.log.LogText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code java -jar} with {@code log.format=json}: every line of standard output, from the first to
 * the last before exit, is one JSON object; client data is escaped and comes back out of JSON as
 * the text format would show it.
 */
@Timeout(120)
class JsonLogIT extends ServerProcessTest {

  @Test
  void everyOutputLineIsJsonUpToTheLastBeforeExit() throws Exception {
    server = ServerProcess.jar("-conf",
      "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},\"log\":{\"format\":\"json\"}}");
    int port = server.awaitListening();
    String chunk = "say \"hi\" \\ and\nnext\u001b[31m red";
    String peer;
    try (Socket client = new Socket("127.0.0.1", port)) {
      client.setSoTimeout(20_000);
      peer = "127.0.0.1:" + client.getLocalPort();
      client.getOutputStream().write(chunk.getBytes(StandardCharsets.UTF_8));
      byte[] reply = client.getInputStream().readNBytes(("Repeating: " + chunk).length());
      assertEquals("Repeating: " + chunk, new String(reply, StandardCharsets.UTF_8));
    }
    server.await("client closed connection", 20);
    server.terminate();
    assertEquals(0, server.awaitExit(30), server.output());

    List<JsonObject> lines = server.lines().stream().map(JsonObject::new).toList();
    JsonObject data = lines.stream().filter(line -> line.getString("formattedMessage").endsWith(" from " + peer))
      .findFirst().orElseThrow(() -> new AssertionError(server.output()));
    assertEquals(LogText.escape(Buffer.buffer(chunk), 200) + " from " + peer, data.getString("formattedMessage"));
    assertEquals(peer, data.getJsonArray("kvpList").getJsonObject(0).getString("peer"));
    assertEquals("INFO", data.getString("level"));
    assertEquals("io.netecho.EchoConnection", data.getString("loggerName"));
  }
}
