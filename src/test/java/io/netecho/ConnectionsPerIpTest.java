package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxConnectionsPerIp: one address over it is closed at once, counted across instances; others are served. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ConnectionsPerIpTest {

  private static final JsonObject TWO_PER_IP = new JsonObject().put("maxConnectionsPerIp", 2);

  /** A client connecting from {@code localAddress} (any 127.x.y.z is loopback on Linux). */
  private static EchoClient from(String localAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setTcpNoDelay(true);
    return new EchoClient(socket);
  }

  @Test
  void aThirdConnectionFromOneAddressIsClosedAtOnceAcrossInstances(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, TWO_PER_IP, 2).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class);
         EchoClient first = from("127.0.0.1", port); EchoClient second = from("127.0.0.1", port)) {
      assertEquals("Repeating: 1", first.send("1").readText(12));
      assertEquals("Repeating: 2", second.send("2").readText(12));
      try (EchoClient third = from("127.0.0.1", port)) {
        assertEquals(0, third.readToEnd().length);
      }
      String line = log.next(text -> text.startsWith("connection limit 2 per address")).get(10, TimeUnit.SECONDS);
      assertTrue(line.startsWith("connection limit 2 per address reached: closing 127.0.0.1:"), line);
    }
  }

  @Test
  void anotherAddressIsServedWhileOneIsAtItsLimit(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, TWO_PER_IP, 2).await();
    try (EchoClient first = from("127.0.0.1", port); EchoClient second = from("127.0.0.1", port);
         EchoClient other = from("127.0.0.2", port)) {
      assertEquals("Repeating: 1", first.send("1").readText(12));
      assertEquals("Repeating: 2", second.send("2").readText(12));
      assertEquals("Repeating: 3", other.send("3").readText(12));
    }
  }

  @Test
  void aClosedConnectionFreesItsAddressesSlot(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("maxConnectionsPerIp", 1)).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class)) {
      String peer;
      try (EchoClient first = from("127.0.0.1", port)) {
        peer = "127.0.0.1:" + first.localPort();
        assertEquals("Repeating: a", first.send("a").readText(12));
      }
      log.next(("client closed connection " + peer)::equals).get(10, TimeUnit.SECONDS);
      try (EchoClient next = from("127.0.0.1", port)) {
        assertEquals("Repeating: b", next.send("b").readText(12));
      }
    }
  }

  @Test
  void zeroMeansNoLimitPerAddress(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    EchoClient[] clients = new EchoClient[20];
    try {
      for (int i = 0; i < clients.length; i++) {
        clients[i] = from("127.0.0.1", port);
        assertEquals("Repeating: " + (char) ('a' + i), clients[i].send(String.valueOf((char) ('a' + i))).readText(12));
      }
    } finally {
      for (EchoClient client : clients) {
        if (client != null) {
          client.close();
        }
      }
    }
  }
}
