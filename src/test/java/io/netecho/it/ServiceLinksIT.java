package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A pod next to a Service named netecho: Kubernetes' service-link variables do not stop the start. */
@Timeout(120)
class ServiceLinksIT extends ServerProcessTest {

  @Test
  void serviceLinkVariablesStartTheServerWithOneWarning() throws Exception {
    server = ServerProcess.start(List.of(ServerProcess.javaBin(), "-jar", ServerProcess.JAR,
      "-conf", "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false}}"), Map.of(
      "NETECHO_SERVICE_HOST", "10.96.0.17",
      "NETECHO_SERVICE_PORT", "8124",
      "NETECHO_PORT", "tcp://10.96.0.17:8124",
      "NETECHO_PORT_8124_TCP", "tcp://10.96.0.17:8124",
      "NETECHO_PORT_8124_TCP_PROTO", "tcp",
      "NETECHO_PORT_8124_TCP_PORT", "8124",
      "NETECHO_PORT_8124_TCP_ADDR", "10.96.0.17"));
    int port = server.awaitListening();
    assertEquals("Repeating: linked", FatJarIT.echo(port, "linked"));
    List<String> warnings = server.lines().stream().filter(line -> line.contains("service-link variables")).toList();
    assertEquals(1, warnings.size(), server.output());
    assertFalse(warnings.get(0).contains("10.96.0.17"), warnings.get(0));
    server.terminate();
    assertEquals(0, server.awaitExit(30), server.output());
  }
}
