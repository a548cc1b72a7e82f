package io.netecho.log;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A console nobody reads (a blocked terminal or pipe) with the log queue full: the echo goes on
 * answering, the lines it could not log are counted, and once the console takes lines again one
 * line says how many were lost.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class LogQueueFullTest {

  private static final int MESSAGES = 2000;

  private ConsoleCapture console;

  @AfterEach
  void detach() {
    console.close();
  }

  @Test
  void aBlockedConsoleNeitherStopsTheEchoNorLosesCountOfTheLinesItDropped(Vertx vertx) throws Exception {
    console = ConsoleCapture.of(LogCapture.CONNECTIONS, 4);
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    console.block();
    long droppedBefore = DroppedLogLines.total();
    try (EchoClient client = new EchoClient(port)) {
      // one request, one reply, 2000 times: each reply needs the event loop that logs the request
      for (int i = 0; i < MESSAGES; i++) {
        String message = "message " + i;
        assertEquals("Repeating: " + message, client.send(message).readText(("Repeating: " + message).length()));
      }
    }
    long dropped = console.dropped();
    // each message is a line, so nearly all were dropped: the writer took what its buffer holds
    // before the blocked write (some 64 KiB of lines) and the queue 4
    assertTrue(dropped >= MESSAGES - 1200, "dropped " + dropped);
    assertTrue(DroppedLogLines.total() - droppedBefore >= dropped);

    console.unblock();
    // one line says how many were lost; a writer descheduled while it reports may say it in two
    List<String> lines = console.awaitLines(written -> ConsoleCapture.droppedReported(written) >= dropped, 10_000);
    long reported = ConsoleCapture.droppedReported(lines);
    // the close line may have been dropped too, after the count was read above
    assertTrue(reported >= dropped && reported <= console.dropped(), lines + "; dropped " + dropped);
  }
}
