package io.netecho;

import io.netecho.config.ConfigException;
import io.netecho.config.StartupException;
import io.netecho.testing.EchoServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A deployment that cannot start fails with a one-line reason and leaves nothing listening. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class StartupFailureTest {

  @Test
  void aPortInUseFailsTheDeploymentNamingHostAndPort(Vertx vertx, VertxTestContext test) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      EchoServers.deploy(vertx, new JsonObject().put("port", port)).onComplete(test.failing(err -> test.verify(() -> {
        assertInstanceOf(StartupException.class, err);
        assertTrue(err.getMessage().startsWith("cannot listen on 127.0.0.1:" + port + ": "), err.getMessage());
        assertTrue(err.getMessage().lines().count() == 1, err.getMessage());
        assertEquals(0, vertx.deploymentIDs().size());
        test.completeNow();
      })));
      test.awaitCompletion(20, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void anInvalidValueFailsTheDeploymentNamingKeyAndValue(Vertx vertx, VertxTestContext test) {
    EchoServers.deploy(vertx, new JsonObject().put("port", 70_000)).onComplete(test.failing(err -> test.verify(() -> {
      // a deployment made by hand gets its config checked as the launchers' is
      assertInstanceOf(ConfigException.class, err);
      assertEquals("port: 70000 is out of range 0..65535", err.getMessage());
      assertEquals(0, vertx.deploymentIDs().size());
      test.completeNow();
    })));
  }
}
