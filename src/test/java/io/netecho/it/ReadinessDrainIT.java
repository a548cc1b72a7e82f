package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SIGTERM with {@code shutdownDelaySeconds}: {@code /health/ready} turns 503 first, while the echo port
 * still accepts and serves new clients; only after the delay does the drain start; then exit 0.
 */
@Timeout(120)
class ReadinessDrainIT extends ServerProcessTest {

  private static final int DELAY_SECONDS = 5;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static int status(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(10)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void sigtermTurnsReadinessOffBeforeTheEchoStopsAcceptingThenExitsZero() throws Exception {
    server = ServerProcess.jar("-conf", "{\"host\":\"127.0.0.1\",\"port\":0,\"log\":{\"data\":false},"
      + "\"admin\":{\"host\":\"127.0.0.1\",\"port\":0},\"shutdownDelaySeconds\":" + DELAY_SECONDS + "}");
    int echo = server.awaitListening();
    int admin = Integer.parseInt(server.await("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)", 60).group(1));
    assertEquals(200, status(admin, "/health/ready"));
    server.terminateAndKeepReading();
    server.await("SIGTERM: reporting not ready; the drain starts in " + DELAY_SECONDS + " s", 10);
    assertEquals(503, status(admin, "/health/ready"));
    assertEquals(200, status(admin, "/health/live"));
    // not ready, yet a new client is still accepted and served: the drain has not started
    assertEquals("Repeating: after not-ready", FatJarIT.echo(echo, "after not-ready"));
    assertEquals(0, server.awaitExit(60), server.output());
  }
}
