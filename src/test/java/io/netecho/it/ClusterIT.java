package io.netecho.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two {@code -cluster} processes with a cluster name of their own find each other by TCP/IP. */
@Timeout(180)
class ClusterIT {

  private ServerProcess first;
  private ServerProcess second;

  @AfterEach
  void stop() {
    for (ServerProcess p : new ServerProcess[] {first, second}) {
      if (p != null) {
        p.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Test
  void twoNodesWithTheirOwnClusterNameJoinEachOther() throws Exception {
    int portA = freePort();
    int portB = freePort();
    // Settings through the environment, as on real machines: NETECHO_CLUSTER_*.
    Map<String, String> common = Map.of(
      "NETECHO_CLUSTER_NAME", "it-" + UUID.randomUUID(),
      "NETECHO_CLUSTER_MEMBERS", "127.0.0.1:" + portA + ",127.0.0.1:" + portB,
      "NETECHO_HOST", "127.0.0.1", "NETECHO_PORT", "0", "NETECHO_ADMIN_ENABLED", "false");
    first = node(common, portA);
    second = node(common, portB);
    first.awaitListening();
    second.awaitListening();
    second.await("cluster member joined|joined cluster .* 2 member", 60);
    first.await("cluster member joined|joined cluster .* 2 member", 60);
    assertEquals("Repeating: clustered", FatJarIT.echo(second.awaitListening(), "clustered"));
  }

  private static ServerProcess node(Map<String, String> common, int clusterPort) throws IOException {
    Map<String, String> env = new java.util.HashMap<>(common);
    env.put("NETECHO_CLUSTER_PORT", Integer.toString(clusterPort));
    return ServerProcess.start(List.of(ServerProcess.javaBin(), "-jar", ServerProcess.JAR, "-cluster"), env);
  }
}
