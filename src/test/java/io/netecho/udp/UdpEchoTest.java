package io.netecho.udp;

import io.netecho.config.StartupException;
import io.netecho.node.Node;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Node's dgram echo: each datagram back to its sender as prefix + datagram, never to a port below
 * 1024 (the other rules that keep it out of loops and floods: {@link UdpLoopAndRateTest}).
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class UdpEchoTest {

  private static final byte[] PREFIX = "Repeating: ".getBytes(StandardCharsets.UTF_8);
  private static final Pattern LISTENING = Pattern.compile("udp echo listening on port (\\d+)");

  private DatagramSocket client;
  private DatagramChannel privileged;

  @AfterEach
  void closeClients() throws Exception {
    if (client != null) {
      client.close();
    }
    if (privileged != null) {
      privileged.close();
    }
  }

  /** Deploys with UDP on an ephemeral port and answers that port, read from the one "udp echo listening" line. */
  private static int deploy(Vertx vertx, JsonObject overrides, int instances) {
    try (LogCapture log = LogCapture.of(UdpEcho.class)) {
      JsonObject config = new JsonObject().put("udp", new JsonObject().put("enabled", true).put("port", 0))
        .mergeIn(overrides, true);
      EchoServers.deploy(vertx, config, instances).await();
      var lines = log.texts(line -> line.startsWith("udp echo listening on port"));
      assertEquals(1, lines.size(), lines.toString());
      Matcher m = LISTENING.matcher(lines.get(0));
      assertTrue(m.find(), lines.get(0));
      return Integer.parseInt(m.group(1));
    }
  }

  private static int deploy(Vertx vertx) {
    return deploy(vertx, new JsonObject(), 1);
  }

  private byte[] echo(int port, byte[] datagram) throws Exception {
    if (client == null) {
      client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      client.setSoTimeout(10_000);
    }
    client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    DatagramPacket reply = new DatagramPacket(new byte[70_000], 70_000);
    client.receive(reply);
    return Arrays.copyOf(reply.getData(), reply.getLength());
  }

  private static byte[] prefixed(byte[] datagram) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PREFIX);
    out.writeBytes(datagram);
    return out.toByteArray();
  }

  @Test
  void aDatagramComesBackAsPrefixPlusItsExactBytes(Vertx vertx) throws Exception {
    int port = deploy(vertx);
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    assertArrayEquals(prefixed(all), echo(port, all));
  }

  @Test
  void aDatagramLargerThanNettysDefault2048BytesComesBackWhole(Vertx vertx) throws Exception {
    int port = deploy(vertx);
    byte[] big = new byte[60_000];
    Arrays.fill(big, (byte) 'x');
    big[big.length - 1] = '!';
    assertArrayEquals(prefixed(big), echo(port, big));
  }

  @Test
  void eachDatagramIsLoggedEscapedWithItsSender(Vertx vertx) throws Exception {
    int port = deploy(vertx);
    try (LogCapture log = LogCapture.of(UdpEcho.class)) {
      echo(port, "hi\n\u001b[31m".getBytes(StandardCharsets.UTF_8));
      String line = log.next(text -> text.contains(" from udp ")).get(5, TimeUnit.SECONDS);
      assertEquals("hi\\n\\x1b[31m from udp 127.0.0.1:" + client.getLocalPort(), line);
    }
  }

  @Test
  void logDataFalseLogsNoDatagramLine(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("log", new JsonObject().put("data", false)), 1);
    try (LogCapture log = LogCapture.of(UdpEcho.class)) {
      assertArrayEquals(prefixed(new byte[] {'q'}), echo(port, new byte[] {'q'}));
      assertEquals(0, log.texts(text -> text.contains(" from udp ")).size());
    }
  }

  @Test
  void aSenderBelowPort1024GetsNothingAndIsCounted(Vertx vertx) throws Exception {
    privileged = DatagramChannel.open();
    try {
      privileged.bind(new InetSocketAddress("127.0.0.1", 999));
    } catch (SocketException e) {
      Assumptions.abort("cannot bind 127.0.0.1:999 (needs root or CAP_NET_BIND_SERVICE): " + e.getMessage());
    }
    privileged.configureBlocking(false);
    int port = deploy(vertx);
    try (LogCapture log = LogCapture.of(UdpEcho.class)) {
      privileged.send(ByteBuffer.wrap(new byte[] {'l', 'o', 'o', 'p'}), new InetSocketAddress("127.0.0.1", port));
      // one socket, datagrams in arrival order: once this one is answered, the first was handled
      assertArrayEquals(prefixed(new byte[] {'o', 'k'}), echo(port, new byte[] {'o', 'k'}));

      assertNull(privileged.receive(ByteBuffer.allocate(100)), "a reply reached port 999");
      JsonObject stats = Node.of(vertx).stats().snapshot("test");
      assertEquals(2, stats.getLong("udpDatagrams"));
      assertEquals(1, stats.getLong("udpIgnored"));
      assertEquals(List.of("udp echo ignored 1 datagram (1 source port below 1024), the last from udp 127.0.0.1:999; "
        + "no reply sent"), log.texts(text -> text.startsWith("udp echo ignored")));
    }
  }

  @Test
  void oneUdpSocketServesEveryInstance(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject(), 3);
    assertArrayEquals(prefixed(new byte[] {'3'}), echo(port, new byte[] {'3'}));
  }

  @Test
  void undeployClosesTheUdpSocket(Vertx vertx) throws Exception {
    int port = deploy(vertx);
    // the echo's deployment and the node's services, its child
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).otherwiseEmpty().await();
    }
    // With NIO the kernel socket goes once the selector drops the closed channel, just after the
    // close completes: no event to await, so a bounded retry.
    for (int attempt = 1; ; attempt++) {
      try (DatagramSocket rebound = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        assertEquals(port, rebound.getLocalPort());
        return;
      } catch (SocketException inUse) {
        if (attempt == 50) {
          throw inUse;
        }
        Thread.sleep(20);
      }
    }
  }

  @Test
  void aUdpPortInUseFailsTheStartNamingHostAndPort(Vertx vertx) throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      JsonObject udp = new JsonObject().put("udp", new JsonObject().put("enabled", true).put("port", port));
      Throwable failure = assertThrows(Throwable.class, () -> EchoServers.deploy(vertx, udp).await());
      assertInstanceOf(StartupException.class, failure);
      assertTrue(failure.getMessage().startsWith("cannot listen on udp 127.0.0.1:" + port + ": "), failure.getMessage());
      assertEquals(0, vertx.deploymentIDs().size());
    }
  }
}
