package io.netecho.udp;

import io.netecho.node.Node;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What keeps the UDP echo out of loops and floods: no answer to our own port or to an echo of an
 * echo, and token buckets per source and in all. Each drop is counted and logged at most once a second.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class UdpLoopAndRateTest {

  private static final String PREFIX = "Repeating: ";
  private static final Pattern LISTENING = Pattern.compile("udp echo listening on port (\\d+)");

  private final List<DatagramSocket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    sockets.forEach(DatagramSocket::close);
  }

  private DatagramSocket socket(String host, int port) throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, port));
    socket.setSoTimeout(10_000);
    sockets.add(socket);
    return socket;
  }

  private static int deploy(Vertx vertx, JsonObject udp) {
    return deploy(vertx, udp, new JsonObject());
  }

  private static int deploy(Vertx vertx, JsonObject udp, JsonObject overrides) {
    try (LogCapture log = LogCapture.of(UdpEcho.class)) {
      JsonObject config = new JsonObject().put("log", new JsonObject().put("data", false))
        .put("udp", new JsonObject().put("enabled", true).put("port", 0).mergeIn(udp)).mergeIn(overrides);
      EchoServers.deploy(vertx, config).await();
      Matcher m = LISTENING.matcher(log.texts(line -> line.startsWith("udp echo listening")).get(0));
      assertTrue(m.find());
      return Integer.parseInt(m.group(1));
    }
  }

  private static Counts echo(Vertx vertx) {
    return new Counts(vertx);
  }

  /** The node's UDP counters: datagrams answered, and dropped unanswered. */
  private record Counts(Vertx vertx) {

    long received() {
      JsonObject stats = stats();
      return stats.getLong("udpDatagrams") - stats.getLong("udpIgnored");
    }

    long ignored() {
      return stats().getLong("udpIgnored");
    }

    private JsonObject stats() {
      return Node.of(vertx).stats().snapshot("test");
    }
  }

  private static void send(DatagramSocket from, int port, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    from.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  private static String receive(DatagramSocket socket) throws IOException {
    DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
    socket.receive(reply);
    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
  }

  /** Waits (bounded) until the echo has handled {@code datagrams} datagrams, answered or not. */
  private static void handled(Counts echo, long datagrams) throws InterruptedException {
    for (int attempt = 0; attempt < 500 && echo.received() + echo.ignored() < datagrams; attempt++) {
      Thread.sleep(10);
    }
    assertEquals(datagrams, echo.received() + echo.ignored(), "datagrams handled");
  }

  /**
   * Nothing to read: called once a later datagram was answered, so a reply to an earlier one would
   * already be here (loopback delivers at once).
   */
  private static void assertNoReply(DatagramSocket socket, String message) throws IOException {
    socket.setSoTimeout(100);
    assertThrows(SocketTimeoutException.class, () -> receive(socket), message);
  }

  /**
   * Sends markers until one is answered (the kernel may drop one on a full buffer) and answers how
   * many were answered in all.
   */
  private static int answeredMarker(DatagramSocket marker, int port) throws IOException {
    marker.setSoTimeout(1_000);
    for (int attempt = 1; ; attempt++) {
      send(marker, port, "marker");
      try {
        assertEquals(PREFIX + "marker", receive(marker));
        break;
      } catch (SocketTimeoutException dropped) {
        if (attempt == 10) {
          throw dropped;
        }
      }
    }
    int answered = 1;
    marker.setSoTimeout(100);
    try {
      while (true) {
        receive(marker);
        answered++;
      }
    } catch (SocketTimeoutException none) {
      return answered;
    }
  }

  @Test
  void aDatagramFromOurOwnPortOnAnotherAddressGetsNothing(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("host", "127.0.0.1"));
    // another node on the same port, another address: the two would answer each other forever
    DatagramSocket twin = socket("127.0.0.2", port);
    DatagramSocket client = socket("127.0.0.1", 0);
    try (LogCapture log = LogCapture.of(UdpEcho.class)) {
      send(twin, port, "loop?");
      // one socket, datagrams in arrival order: once this one is answered, the first was handled
      send(client, port, "ok");
      assertEquals(PREFIX + "ok", receive(client));
      handled(echo(vertx), 2);
      assertEquals(1, echo(vertx).ignored());
      assertNoReply(twin, "a reply reached our own port");
      assertEquals(1, log.texts(text -> text.startsWith("udp echo ignored 1 datagram (1 source port is our own UDP port)"))
        .size());
    }
  }

  @Test
  void aDatagramStartingWithTheReplyPrefixGetsNothing(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    DatagramSocket client = socket("127.0.0.1", 0);
    send(client, port, PREFIX + "an echo of an echo");
    send(client, port, "Repeat: not quite the prefix");
    assertEquals(PREFIX + "Repeat: not quite the prefix", receive(client));
    assertEquals(1, echo(vertx).ignored());
    assertEquals(1, echo(vertx).received());
  }

  @Test
  void withAnEmptyPrefixEveryDatagramIsAnswered(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject(), new JsonObject().put("reply", new JsonObject().put("prefix", "")));
    DatagramSocket client = socket("127.0.0.1", 0);
    send(client, port, "Repeating: x");
    assertEquals("Repeating: x", receive(client));
  }

  @Test
  void aFloodFromOneSourceIsCutToItsRateAndLoggedAtMostOnceASecond(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("ratePerSecond", 10).put("burst", 20));
    DatagramSocket flooder = socket("127.0.0.1", 0);
    DatagramSocket marker = socket("127.0.0.2", 0);
    try (LogCapture log = LogCapture.of(UdpEcho.class)) {
      long start = System.nanoTime();
      for (int i = 0; i < 300; i++) {
        send(flooder, port, "flood " + i);
        if (i % 20 == 19) {
          // a flood overflows the echo's receive buffer too: paced, most of it reaches the echo
          Thread.sleep(1);
        }
      }
      // one socket, datagrams in arrival order: once a marker is answered, the flood was handled
      int markers = answeredMarker(marker, port);
      double seconds = (System.nanoTime() - start) / 1e9;
      Counts echo = echo(vertx);
      long handled = echo.received() + echo.ignored() - markers;
      long answered = echo.received() - markers;
      assertTrue(handled >= 100, "the flood reached the echo: " + handled);
      assertTrue(answered >= 20, "the burst is answered: " + answered);
      assertTrue(answered <= 20 + 10 * seconds + 1, answered + " answered in " + seconds + " s");
      assertEquals(handled - answered, echo.ignored());
      for (int i = 0; i < answered; i++) {
        assertTrue(receive(flooder).startsWith(PREFIX + "flood "));
      }
      assertNoReply(flooder, "more replies than answered datagrams");
      List<String> lines = log.texts(text -> text.startsWith("udp echo ignored"));
      assertTrue(lines.size() <= 2 + seconds, lines.size() + " lines in " + seconds + " s: " + lines);
      assertTrue(lines.get(0).contains("over the per-source rate"), lines.get(0));
    }
  }

  @Test
  void anotherSourceIsServedWhileOneIsOverItsRate(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("ratePerSecond", 1).put("burst", 1));
    DatagramSocket first = socket("127.0.0.1", 0);
    DatagramSocket second = socket("127.0.0.2", 0);
    send(first, port, "a");
    assertEquals(PREFIX + "a", receive(first));
    send(first, port, "over");
    send(second, port, "b");
    assertEquals(PREFIX + "b", receive(second));
    handled(echo(vertx), 3);
    assertEquals(1, echo(vertx).ignored());
  }

  @Test
  void theGlobalRateCapsAllSourcesTogether(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("ratePerSecond", 1000).put("burst", 5).put("globalRatePerSecond", 10));
    List<DatagramSocket> sources = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      sources.add(socket("127.0.0." + i, 0));
    }
    long start = System.nanoTime();
    for (int round = 0; round < 20; round++) {
      for (DatagramSocket source : sources) {
        send(source, port, "g" + round);
      }
    }
    handled(echo(vertx), 100);
    double seconds = (System.nanoTime() - start) / 1e9;
    long answered = echo(vertx).received();
    assertTrue(answered >= 10 && answered <= 10 + 10 * seconds + 1, answered + " answered in " + seconds + " s");
    assertEquals(100 - answered, echo(vertx).ignored());
  }
}
