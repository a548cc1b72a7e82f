package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** toxicity: the share of new connections a fault is dealt to, drawn once per connection. */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class ToxicityTest {

  @Test
  void aToxicityOfOneHalfFaultsAboutHalfOfTheConnections(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.deploy(vertx, new JsonObject()
      .put("reply", new JsonObject().put("prefix", ""))
      .put("faults", new JsonObject().put("close", new JsonObject().put("afterBytes", 1).put("toxicity", 0.5))));
    int faulted = 0;
    for (int i = 0; i < 400; i++) {
      try (Socket client = echo.connect()) {
        FaultyEcho.send(client, "ab");
        client.shutdownOutput();
        String echoed = FaultyEcho.readToEnd(client);
        assertTrue(echoed.equals("a") || echoed.equals("ab"), echoed);
        faulted += echoed.equals("a") ? 1 : 0;
      }
    }
    // binomial(400, 0.5): mean 200, standard deviation 10; 150..250 is five of them either way
    assertTrue(faulted >= 150 && faulted <= 250, faulted + " of 400 connections were faulted");
  }
}
