package io.netecho.admin;

import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On loopback the admin endpoint serves only a loopback {@code Host}: a web page that rebinds its own
 * name to 127.0.0.1 cannot read {@code /stats} through a browser. Sent as raw bytes, since HTTP clients
 * write the {@code Host} themselves.
 */
@Timeout(30)
class LoopbackHostTest {

  private RunningNode node;

  @AfterEach
  void close() {
    if (node != null) {
      node.close();
    }
  }

  private String get(String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.adminPort)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /stats HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aForeignHostIsRefusedWith421AndAJsonError() throws Exception {
    node = RunningNode.start(new JsonObject());
    for (String host : new String[] {"evil.example", "evil.example:" + node.adminPort, "127.0.0.1.evil.example",
      "localhost.evil.example", "[::2]", "10.0.0.1"}) {
      String answer = get(host);
      assertTrue(answer.startsWith("HTTP/1.1 421 "), host + ": " + answer);
      assertTrue(answer.contains("\"error\""), answer);
      assertFalse(answer.contains("activeConnections"), answer);
    }
  }

  @Test
  void loopbackNamesAndAddressesAreServed() throws Exception {
    node = RunningNode.start(new JsonObject());
    for (String host : new String[] {"localhost", "LocalHost:" + node.adminPort, "127.0.0.1:" + node.adminPort,
      "127.10.20.30", "[::1]", "[::1]:" + node.adminPort}) {
      String answer = get(host);
      assertTrue(answer.startsWith("HTTP/1.1 200 "), host + ": " + answer);
    }
  }
}
