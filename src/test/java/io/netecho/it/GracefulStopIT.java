package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM: stop accepting, give every connection what it is owed, then FIN, then exit 0. */
@Timeout(120)
class GracefulStopIT extends ServerProcessTest {


  @Test
  void sigtermWritesThePendingDelayedReplyThenFinThenExitsZero() throws Exception {
    server = ServerProcess.jar("-conf",
      "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},\"reply\":{\"delayMs\":1500},\"shutdownGraceSeconds\":10}");
    int port = server.awaitListening();
    try (Socket client = new Socket("127.0.0.1", port)) {
      client.setSoTimeout(20_000);
      client.getOutputStream().write("owed".getBytes(StandardCharsets.UTF_8));
      server.await("owed from 127.0.0.1", 10);
      long signalled = System.nanoTime();
      server.terminate();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      // readAllBytes returns at the server's FIN
      received.writeBytes(client.getInputStream().readAllBytes());
      assertEquals("Repeating: owed", received.toString(StandardCharsets.UTF_8));
      client.close();
      assertEquals(0, server.awaitExit(30), server.output());
      long stopMs = (System.nanoTime() - signalled) / 1_000_000;
      assertTrue(stopMs < 10_000, "stopping took " + stopMs + " ms, more than the grace period");
    }
  }

  @Test
  void sigtermWithNoConnectionsExitsZeroAtOnce() throws Exception {
    server = ServerProcess.jar("-conf", FatJarIT.LOOPBACK_EPHEMERAL);
    server.awaitListening();
    server.terminate();
    assertEquals(0, server.awaitExit(30), server.output());
  }
}
