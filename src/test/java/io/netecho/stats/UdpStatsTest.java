package io.netecho.stats;

import io.netecho.testing.PrometheusText;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The UDP echo's datagrams in {@code GET /stats} and {@code GET /metrics}. */
@Timeout(30)
class UdpStatsTest {

  private static final String PREFIX = "Repeating: ";
  private static final JsonObject UDP_ON = new JsonObject().put("udp", new JsonObject().put("enabled", true).put("port", 0));

  private RunningNode node;
  private DatagramSocket client;
  private DatagramChannel privileged;

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (privileged != null) {
      privileged.close();
    }
    if (node != null) {
      node.close();
    }
  }

  /** Sends {@code text} from an unprivileged port and waits for its echo. */
  private void echo(String text) throws IOException {
    if (client == null) {
      client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      client.setSoTimeout(10_000);
    }
    byte[] datagram = text.getBytes(StandardCharsets.UTF_8);
    client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), node.udpPort));
    DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
    client.receive(reply);
    assertEquals(PREFIX + text, new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
  }

  private Map<String, Double> metrics() throws Exception {
    return PrometheusText.parse(node.get("/metrics").body());
  }

  @Test
  void anAnsweredDatagramIsCountedInStatsAndMetrics() throws Exception {
    node = RunningNode.start(UDP_ON);
    echo("hello");
    JsonObject stats = node.awaitStats("udpReplies", 1);
    assertEquals(1, stats.getLong("udpDatagrams"), stats.encodePrettily());
    assertEquals(0, stats.getLong("udpIgnored"));
    assertEquals(1, stats.getLong("udpReplies"));
    assertEquals(5, stats.getLong("udpBytesIn"));
    assertEquals((PREFIX + "hello").length(), stats.getLong("udpBytesOut"));
    assertEquals(0, stats.getLong("bytesIn"), "UDP bytes are not TCP bytes");

    Map<String, Double> samples = metrics();
    assertEquals(1.0, samples.get("netecho_udp_datagrams_total"), samples.toString());
    assertEquals(0.0, samples.get("netecho_udp_datagrams_ignored_total{reason=\"low_port\"}"));
    assertEquals(1.0, samples.get("netecho_udp_replies_total"));
    assertEquals(5.0, samples.get("netecho_udp_received_bytes_total"));
    assertEquals((PREFIX + "hello").length(), samples.get("netecho_udp_sent_bytes_total"));
  }

  @Test
  void aDatagramFromAPortBelow1024IsCountedAsIgnoredInStatsAndMetrics() throws Exception {
    privileged = DatagramChannel.open();
    try {
      privileged.bind(new InetSocketAddress("127.0.0.1", 999));
    } catch (IOException e) {
      Assumptions.abort("cannot bind 127.0.0.1:999 (needs root or CAP_NET_BIND_SERVICE, and the port free): " + e);
    }
    privileged.configureBlocking(false);
    node = RunningNode.start(UDP_ON);
    privileged.send(ByteBuffer.wrap("loop".getBytes(StandardCharsets.UTF_8)), new InetSocketAddress("127.0.0.1", node.udpPort));
    // one socket, datagrams handled in arrival order: once this one is answered, the first was handled
    echo("ok");
    JsonObject stats = node.awaitStats("udpReplies", 1);
    assertNull(privileged.receive(ByteBuffer.allocate(100)), "a reply reached port 999");
    assertEquals(2, stats.getLong("udpDatagrams"), stats.encodePrettily());
    assertEquals(1, stats.getLong("udpIgnored"));
    assertEquals(1, stats.getLong("udpIgnoredLowPort"));
    assertEquals(1, stats.getLong("udpReplies"));
    assertEquals("loop".length() + "ok".length(), stats.getLong("udpBytesIn"));
    assertEquals((PREFIX + "ok").length(), stats.getLong("udpBytesOut"));

    Map<String, Double> samples = metrics();
    assertEquals(2.0, samples.get("netecho_udp_datagrams_total"), samples.toString());
    assertEquals(1.0, samples.get("netecho_udp_datagrams_ignored_total{reason=\"low_port\"}"));
    assertEquals(1.0, samples.get("netecho_udp_replies_total"));
    assertEquals(6.0, samples.get("netecho_udp_received_bytes_total"));
    assertEquals((PREFIX + "ok").length(), samples.get("netecho_udp_sent_bytes_total"));
  }

  @Test
  void eachReasonForADropIsCountedOnItsOwnInStatsAndMetrics() throws Exception {
    node = RunningNode.start(UDP_ON.copy().put("udp", UDP_ON.getJsonObject("udp").copy().put("ratePerSecond", 1).put("burst", 1)));
    client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    client.setSoTimeout(10_000);
    byte[] echoOfEcho = (PREFIX + "x").getBytes(StandardCharsets.UTF_8);
    client.send(new DatagramPacket(echoOfEcho, echoOfEcho.length, InetAddress.getLoopbackAddress(), node.udpPort));
    echo("first");
    byte[] over = "over the rate".getBytes(StandardCharsets.UTF_8);
    client.send(new DatagramPacket(over, over.length, InetAddress.getLoopbackAddress(), node.udpPort));
    JsonObject stats = node.awaitStats("udpIgnoredSourceRate", 1);
    assertEquals(3, stats.getLong("udpDatagrams"), stats.encodePrettily());
    assertEquals(2, stats.getLong("udpIgnored"));
    assertEquals(1, stats.getLong("udpIgnoredEchoOfEcho"));
    assertEquals(1, stats.getLong("udpIgnoredSourceRate"));
    assertEquals(0, stats.getLong("udpIgnoredLowPort") + stats.getLong("udpIgnoredOwnPort")
      + stats.getLong("udpIgnoredGlobalRate"));

    Map<String, Double> samples = metrics();
    assertEquals(1.0, samples.get("netecho_udp_datagrams_ignored_total{reason=\"echo_of_echo\"}"), samples.toString());
    assertEquals(1.0, samples.get("netecho_udp_datagrams_ignored_total{reason=\"source_rate\"}"));
    assertEquals(0.0, samples.get("netecho_udp_datagrams_ignored_total{reason=\"global_rate\"}"));
    assertEquals(0.0, samples.get("netecho_udp_datagrams_ignored_total{reason=\"own_port\"}"));
  }
}
