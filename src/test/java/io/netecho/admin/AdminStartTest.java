package io.netecho.admin;

import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether and where the admin endpoint listens. */
@Timeout(30)
class AdminStartTest {

  @Test
  void adminDisabledLeavesNothingOnTheAdminPort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    try (RunningNode node = RunningNode.start(new JsonObject().put("admin", new JsonObject().put("enabled", false).put("port", port)))) {
      assertEquals(-1, node.adminPort, "an admin endpoint line was logged");
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
      try (Socket client = node.connect()) {
        RunningNode.exchange(client, "still echoes");
      }
    }
  }

  @Test
  void aTakenAdminPortFailsTheStartNamingHostAndPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RunningNode.start(new JsonObject().put("admin", new JsonObject().put("port", port))));
      String reason = failure.getCause().getMessage();
      assertTrue(reason.startsWith("admin endpoint cannot listen on 127.0.0.1:" + port + ": "), reason);
      assertEquals(1, reason.lines().count(), reason);
    }
  }
}
