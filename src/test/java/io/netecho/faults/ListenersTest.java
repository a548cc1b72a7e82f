package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** listeners: more echo ports, each with its own fault profile, beside the main one. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ListenersTest {

  private static JsonObject cleanAndCutAfterFiveBytes() {
    return new JsonObject().put("listeners", new JsonArray().add(new JsonObject().put("port", 0)
      .put("faults", new JsonObject().put("close", new JsonObject().put("afterBytes", 5)))));
  }

  private static String exchange(int port) throws Exception {
    try (Socket client = FaultyEcho.connect(port)) {
      FaultyEcho.send(client, "hello");
      client.shutdownOutput();
      return FaultyEcho.readToEnd(client);
    }
  }

  @Test
  void aCleanPortAndAFaultyPortServeSideBySide(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.deploy(vertx, cleanAndCutAfterFiveBytes());
    assertEquals(1, echo.listenerPorts.size());
    assertEquals("Repeating: hello", exchange(echo.port));
    assertEquals("Repea", exchange(echo.listenerPorts.get(0)));
  }

  @Test
  void everyInstanceServesTheListenerOnOnePort(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.deploy(vertx, cleanAndCutAfterFiveBytes(), 2);
    int faulty = echo.listenerPorts.get(0);
    assertNotEquals(echo.port, faulty);
    for (int i = 0; i < 4; i++) {
      assertEquals("Repeating: hello", exchange(echo.port));
      assertEquals("Repea", exchange(faulty));
    }
  }
}
