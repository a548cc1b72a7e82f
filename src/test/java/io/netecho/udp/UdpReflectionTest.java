package io.netecho.udp;

import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One datagram forged as coming from one net-echo node, sent to another: the two must not answer
 * each other (a loop that would grow the datagram until 64 KiB, or with an empty prefix never end).
 * At most one reply is sent, and the drop is counted.
 */
@Timeout(60)
class UdpReflectionTest {

  private RunningNode a;
  private RunningNode b;

  @AfterEach
  void stop() {
    for (RunningNode node : new RunningNode[] {b, a}) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static JsonObject udp(String host, int port, String prefix) {
    return new JsonObject()
      .put("udp", new JsonObject().put("enabled", true).put("host", host).put("port", port))
      .put("reply", new JsonObject().put("prefix", prefix));
  }

  @Test
  void twoNodesOnOnePortDoNotAnswerADatagramForgedFromTheOther() throws Exception {
    // an empty prefix: no echo-of-echo rule to stop the loop, only the port rule
    a = RunningNode.start(udp("127.0.0.1", 0, ""));
    b = RunningNode.start(udp("127.0.0.2", a.udpPort, ""));
    SpoofedDatagram.send("127.0.0.2", b.udpPort, "127.0.0.1", a.udpPort, "ping");

    JsonObject statsA = a.awaitStats("udpIgnoredOwnPort", 1);
    assertEquals(1, statsA.getLong("udpIgnoredOwnPort"), statsA.encodePrettily());
    assertEquals(0, statsA.getLong("udpReplies"), statsA.encodePrettily());
    assertEquals(0, b.stats().getLong("udpDatagrams"));
  }

  @Test
  void twoNodesOnTwoPortsExchangeOneReplyAtMost() throws Exception {
    a = RunningNode.start(udp("127.0.0.1", 0, "Repeating: "));
    b = RunningNode.start(udp("127.0.0.1", 0, "Repeating: "));
    SpoofedDatagram.send("127.0.0.1", b.udpPort, "127.0.0.1", a.udpPort, "ping");

    // A answers B once; B sees an echo of an echo and stops the loop there
    JsonObject statsB = b.awaitStats("udpIgnoredEchoOfEcho", 1);
    assertEquals(1, statsB.getLong("udpIgnoredEchoOfEcho"), statsB.encodePrettily());
    assertEquals(0, statsB.getLong("udpReplies"), statsB.encodePrettily());
    JsonObject statsA = a.stats();
    assertEquals(1, statsA.getLong("udpDatagrams"), statsA.encodePrettily());
    assertEquals(1, statsA.getLong("udpReplies"), statsA.encodePrettily());
  }
}
