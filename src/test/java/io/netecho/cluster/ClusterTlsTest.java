package io.netecho.cluster;

import io.netecho.config.NetEchoConfig;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event-bus TLS with client authentication: A and B hold certificates of the cluster CA (made by
 * {@code scripts/gen-cert}); C is in the same Hazelcast cluster (whose member port the open-source
 * edition does not authenticate) but has no certificate. A broadcast goes from B to A, never from C
 * to A.
 */
@Timeout(120)
class ClusterTlsTest {

  private static final Path ROOT = Path.of(System.getProperty("netecho.root", ".")).toAbsolutePath().normalize();

  private static RunningNode a;
  private static RunningNode b;
  private static RunningNode c;
  private static String idA;

  @BeforeAll
  static void startThreeNodes() throws Exception {
    Path certs = Files.createTempDirectory("net-echo-cluster-ca");
    genCert("--cluster-ca", certs.toString());
    genCert("--node", certs.toString(), "node-a");
    genCert("--node", certs.toString(), "node-b");
    String name = "tls-" + UUID.randomUUID();
    int portA = freePort();
    int portB = freePort();
    int portC = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB, "127.0.0.1:" + portC);
    a = RunningNode.clustered(name, portA, members, new JsonObject(), tls(certs, "node-a"));
    b = RunningNode.clustered(name, portB, members, new JsonObject(), tls(certs, "node-b"));
    c = RunningNode.clustered(name, portC, members, new JsonObject());
    idA = RunningNode.json(a.get("/health")).getString("node");
    String idB = RunningNode.json(b.get("/health")).getString("node");
    // the first event-bus connections (TLS handshakes on a cold JVM) may take longer than a gather's timeout
    awaitAnswers(b, idA);
    awaitAnswers(a, idB);
  }

  /** Waits (bounded) until {@code other} answers {@code node}'s {@code /stats}. */
  private static void awaitAnswers(RunningNode node, String other) throws Exception {
    for (int attempt = 1; ; attempt++) {
      JsonObject cluster = RunningNode.json(node.get("/stats")).getJsonObject("cluster");
      boolean answered = cluster.getJsonArray("nodes").stream()
        .anyMatch(entry -> other.equals(((JsonObject) entry).getString("node")));
      if (answered) {
        return;
      }
      assertTrue(attempt < 30, "node " + other + " never answered: " + cluster.encodePrettily());
    }
  }

  @AfterAll
  static void stopAll() {
    for (RunningNode node : new RunningNode[] {c, b, a}) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static NetEchoConfig.ClusterTls tls(Path certs, String node) {
    return new NetEchoConfig.ClusterTls(certs.resolve(node + ".pem").toString(),
      certs.resolve(node + "-key.pem").toString(), certs.resolve("ca.pem").toString(), false);
  }

  private static void genCert(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("scripts/gen-cert").toString()));
    command.addAll(List.of(args));
    Process gen;
    try {
      gen = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("cannot run scripts/gen-cert: " + e.getMessage());
      return;
    }
    String output = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(gen.waitFor(60, TimeUnit.SECONDS), "scripts/gen-cert did not finish");
    Assumptions.assumeFalse(output.contains("openssl is needed"), "scripts/gen-cert needs openssl, which is not installed");
    assertEquals(0, gen.exitValue(), output);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static HttpResponse<String> broadcast(RunningNode from, String message) throws Exception {
    HttpResponse<String> response = from.post("/broadcast", message, "Authorization", "Bearer " + RunningNode.TOKEN);
    assertEquals(200, response.statusCode(), response.body());
    return response;
  }

  @Test
  void aNodeWithTheClusterCertificateDeliversABroadcast() throws Exception {
    try (Socket client = a.connect()) {
      RunningNode.exchange(client, "on A");
      HttpResponse<String> response = broadcast(b, "from B");
      assertEquals("from B", new String(client.getInputStream().readNBytes(6), StandardCharsets.UTF_8));
      assertTrue(RunningNode.json(response).getJsonArray("missing").stream().noneMatch(idA::equals), response.body());
    }
  }

  @Test
  void aNodeWithoutTheClusterCertificateCannotDeliverABroadcast() throws Exception {
    try (Socket client = a.connect()) {
      RunningNode.exchange(client, "on A");
      HttpResponse<String> response = broadcast(c, "from C");
      // C answers once the cluster's answers are in or timed out: A's is missing, and A wrote nothing
      assertTrue(RunningNode.json(response).getJsonArray("missing").contains(idA), response.body());
      client.setSoTimeout(500);
      assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
    }
  }
}
