package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code reusePort}: two servers of their own (two Vert.x, as two processes on one host would be) listen
 * on one port, and the kernel hands connections to both; without it the second cannot listen.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReusePortTest {

  private Vertx first;
  private Vertx second;

  @BeforeEach
  void startVertx() {
    Assumptions.assumeTrue(Transport.EPOLL.available(), "epoll unavailable");
    first = Vertx.builder().withTransport(Transport.EPOLL).build();
    second = Vertx.builder().withTransport(Transport.EPOLL).build();
  }

  @AfterEach
  void closeVertx() {
    for (Vertx vertx : new Vertx[] {first, second}) {
      if (vertx != null) {
        vertx.close().await();
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static JsonObject server(int port, String prefix, boolean reusePort) {
    return new JsonObject().put("port", port).put("reusePort", reusePort)
      .put("reply", new JsonObject().put("prefix", prefix)).put("log", new JsonObject().put("data", false));
  }

  @Test
  void twoServersWithReusePortShareOnePortAndBothServeClients() throws Exception {
    int port = freePort();
    assertEquals(port, EchoServers.deploy(first, server(port, "A:", true)).await());
    assertEquals(port, EchoServers.deploy(second, server(port, "B:", true)).await());
    Set<String> servedBy = new HashSet<>();
    // the kernel picks a listener by a hash of the client's address and port: 64 clients reach both
    for (int i = 0; i < 64; i++) {
      try (EchoClient client = new EchoClient(port)) {
        String reply = client.send("x").readText(3);
        servedBy.add(reply.substring(0, 2));
        assertEquals("x", reply.substring(2));
      }
    }
    assertEquals(Set.of("A:", "B:"), servedBy);
  }

  @Test
  void withoutReusePortASecondServerCannotListenOnTheSamePort() throws Exception {
    int port = freePort();
    EchoServers.deploy(first, server(port, "A:", false)).await();
    assertThrows(Exception.class, () -> EchoServers.deploy(second, server(port, "B:", false)).await());
  }
}
