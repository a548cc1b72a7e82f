package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code scripts/vertx}, the Vert.x CLI over our jar. */
@Timeout(120)
class VertxCliIT extends ServerProcessTest {


  @Test
  void runWithTwoInstancesEchoes() throws Exception {
    server = ServerProcess.start(List.of("bash", ServerProcess.ROOT.resolve("scripts/vertx").toString(),
      "run", "io.netecho.EchoVerticle", "-instances", "2", "-conf", FatJarIT.LOOPBACK_EPHEMERAL));
    int port = server.awaitListening();
    assertEquals("Repeating: via vertx run", FatJarIT.echo(port, "via vertx run"));
    server.terminate();
    assertEquals(0, server.awaitExit(30), server.output());
  }

  @Test
  void runWithAnInvalidValueExitsWithTheDeploymentCode() throws Exception {
    server = ServerProcess.start(List.of("bash", ServerProcess.ROOT.resolve("scripts/vertx").toString(),
      "run", "io.netecho.EchoVerticle", "-conf", "{\"host\":\"127.0.0.1\",\"port\":-5}"));
    FatJarIT.assertOneLineFailure(server, 15, "port", "-5");
  }
}
