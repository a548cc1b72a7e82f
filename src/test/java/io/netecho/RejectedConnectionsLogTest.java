package io.netecho;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections turned away over maxConnections: at most one line a second, the rest summed up. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class RejectedConnectionsLogTest {

  private static final int REJECTED = 10;
  private static final Pattern SUMMARY = Pattern.compile("^\\.\\.\\. and (\\d+) more like it in the last second, "
    + "the last: connection limit 1 reached: closing 127\\.0\\.0\\.1:\\d+$");

  @Test
  void aBurstOfRejectedConnectionsIsALineAndASummaryNotALineEach(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject().put("maxConnections", 1)).await();
    try (LogCapture log = LogCapture.of(EchoConnection.class); EchoClient holder = new EchoClient(port)) {
      assertEquals("Repeating: h", holder.send("h").readText(12));
      for (int i = 0; i < REJECTED; i++) {
        try (EchoClient turnedAway = new EchoClient(port)) {
          assertEquals(0, turnedAway.readToEnd().length);
        }
      }
      // every rejection is in a line of its own or counted in a summary; wait until all are told
      Set<String> summaries = new HashSet<>();
      int told = log.texts(text -> text.startsWith("connection limit")).size();
      while (told < REJECTED) {
        String summary = log.next(text -> SUMMARY.matcher(text).matches() && !summaries.contains(text))
          .get(10, TimeUnit.SECONDS);
        summaries.add(summary);
        Matcher m = SUMMARY.matcher(summary);
        assertTrue(m.matches());
        told += Integer.parseInt(m.group(1));
      }
      assertEquals(REJECTED, told);
      int lines = log.texts(text -> text.startsWith("connection limit") || text.startsWith("... and ")).size();
      assertTrue(lines < REJECTED, lines + " lines for " + REJECTED + " rejected connections");
    }
  }
}
