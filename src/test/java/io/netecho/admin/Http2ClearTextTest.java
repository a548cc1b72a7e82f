package io.netecho.admin;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin endpoint speaks HTTP/1.x only: a client opening with HTTP/2's preface gets an HTTP/1.x answer, not HTTP/2 frames. */
@Timeout(30)
class Http2ClearTextTest extends NodeTest {

  private static final String HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

  @Test
  void aClientSpeakingHttp2WithPriorKnowledgeIsNotAnsweredInHttp2() throws Exception {
    node = RunningNode.start(new JsonObject());
    try (Socket socket = new Socket("127.0.0.1", node.adminPort)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(HTTP2_PREFACE.getBytes(StandardCharsets.ISO_8859_1));
      // HTTP/2 would answer with a binary SETTINGS frame; an HTTP/1.x parser answers with a status line
      assertEquals("HTTP/", new String(socket.getInputStream().readNBytes(5), StandardCharsets.ISO_8859_1));
    }
  }
}
