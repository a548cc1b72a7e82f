package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A clustered start on a non-loopback interface without event-bus TLS: refused with one line, nothing listens. */
@Timeout(120)
class ClusterSecurityIT extends ServerProcessTest {

  @Test
  void aClusteredStartOnANonLoopbackHostWithoutTlsFailsWithOneLine() throws Exception {
    server = ServerProcess.start(List.of(ServerProcess.javaBin(), "-jar", ServerProcess.JAR, "-cluster"), Map.of(
      "NETECHO_HOST", "127.0.0.1", "NETECHO_PORT", "0", "NETECHO_ADMIN_ENABLED", "false",
      // a documentation address (RFC 5737): refused before anything binds it
      "NETECHO_CLUSTER_HOST", "192.0.2.10"));
    int exit = server.awaitExit(60);
    assertEquals(11, exit, server.output());
    List<String> errors = server.lines().stream().filter(line -> line.startsWith("net-echo: cannot start:")).toList();
    assertEquals(List.of("net-echo: cannot start: cluster.host 192.0.2.10 is not a loopback address and the event bus "
      + "would be open to anyone who reaches it: set cluster.tls.certPath, cluster.tls.keyPath and cluster.tls.caPath "
      + "(scripts/gen-cert --cluster-ca makes them), or set cluster.insecure=true to run it unprotected"), errors);
    assertTrue(server.lines().stream().noneMatch(line -> line.contains("listening on port")), server.output());
  }
}
