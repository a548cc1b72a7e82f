package io.netecho.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.netecho.http.HttpEchoTest.request;
import static io.netecho.http.HttpEchoTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fortio's query parameters on any echo path (status, delay, header, size), and CORS answers. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class EchoQueryTest {

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static int port(Vertx vertx, JsonObject http) {
    return HttpEchoServer.deploy(vertx, new JsonObject().put("http", http)).httpPort();
  }

  @Test
  void statusAnswersThatStatusWithTheEcho(Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx, new JsonObject()), "/any?status=503").build());

    assertEquals(503, response.statusCode());
    assertEquals("/any", new JsonObject(text(response)).getString("path"));
  }

  @Test
  void statusPercentagesAnswerOnlyTheirCodes(Vertx vertx) throws Exception {
    int port = port(vertx, new JsonObject());
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      seen.add(send(request(port, "/x?status=503:50,429:50").build()).statusCode());
    }
    Set<Integer> rest = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      rest.add(send(request(port, "/x?status=503:0").build()).statusCode());
    }

    assertEquals(Set.of(503, 429), seen);
    assertEquals(Set.of(200), rest);
  }

  @Test
  void headersAreAddedAndSizeGivesABodyOfThatLength(Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx, new JsonObject()),
      "/x?header=X-A:1&header=X-A:2&header=Cache-Control:no-store&size=100").build());

    assertEquals(200, response.statusCode());
    assertEquals(List.of("1", "2"), response.headers().allValues("x-a"));
    assertEquals("no-store", response.headers().firstValue("cache-control").orElse(null));
    assertEquals(100, response.body().length);
    assertTrue(text(response).startsWith("0123456789abcdef"), text(response));
  }

  @Test
  void delayWaitsAtLeastItsLowerBound(Vertx vertx) throws Exception {
    int port = port(vertx, new JsonObject());
    long start = System.nanoTime();

    HttpResponse<byte[]> response = send(request(port, "/x?delay=300ms:100ms").build());

    assertEquals(200, response.statusCode());
    assertTrue(System.nanoTime() - start >= 200_000_000L);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/x?status=700|unknown status code 700: use 200..599",
    "/x?status=503:x|malformed status list 503:x: weight x is not a number >= 0",
    "/x?status=503:60,429:50|status percentages in 503:60,429:50 add up to more than 100",
    "/x?delay=2s|delay 2s is over 1000 ms (http.maxDelayMs)",
    "/x?delay=900ms:200ms|delay 900ms:200ms is over 1000 ms (http.maxDelayMs)",
    "/x?delay=soon|malformed delay soon: use 100ms, 100ms:50ms (jitter) or 100ms:25 (percent)",
    "/x?header=nocolon|header=nocolon is not NAME:VALUE",
    "/x?size=2000|size 2000 is over 1000 (http.maxGeneratedBytes)"})
  void badAsksAre400WithOneLine(String target, String line, Vertx vertx) throws Exception {
    int port = port(vertx, new JsonObject().put("maxDelayMs", 1000).put("maxGeneratedBytes", 1000));

    HttpResponse<byte[]> response = send(request(port, target).POST(HttpRequest.BodyPublishers.ofString("body")).build());

    assertEquals(400, response.statusCode());
    assertEquals(line + "\n", text(response));
  }

  @Test
  void anOversizedHeaderIs400(Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx, new JsonObject()), "/x?header=X-Big:" + "v".repeat(2100)).build());

    assertEquals(400, response.statusCode());
    assertEquals("header X-Big is over 2048 bytes\n", text(response));
  }

  @Test
  void corsIsAnsweredWhenAskedInTheQuery(Vertx vertx) throws Exception {
    int port = port(vertx, new JsonObject());

    HttpResponse<byte[]> asked = send(request(port, "/x?cors").header("Origin", "https://app.test").build());
    HttpResponse<byte[]> notAsked = send(request(port, "/x?corsage=1").header("Origin", "https://app.test").build());

    assertEquals("https://app.test", asked.headers().firstValue("access-control-allow-origin").orElse(null));
    assertEquals("true", asked.headers().firstValue("access-control-allow-credentials").orElse(null));
    assertFalse(notAsked.headers().firstValue("access-control-allow-origin").isPresent());
  }

  @Test
  void withHttpCorsAPreflightIsAnswered204(Vertx vertx) throws Exception {
    int port = port(vertx, new JsonObject().put("cors", true));

    HttpResponse<byte[]> preflight = send(request(port, "/get")
      .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
      .header("Origin", "https://app.test")
      .header("Access-Control-Request-Method", "PUT")
      .header("Access-Control-Request-Headers", "x-token")
      .build());
    HttpResponse<byte[]> get = send(request(port, "/get").build());

    assertEquals(204, preflight.statusCode());
    assertEquals("https://app.test", preflight.headers().firstValue("access-control-allow-origin").orElse(null));
    assertEquals("PUT", preflight.headers().firstValue("access-control-allow-methods").orElse(null));
    assertEquals("x-token", preflight.headers().firstValue("access-control-allow-headers").orElse(null));
    assertEquals("3600", preflight.headers().firstValue("access-control-max-age").orElse(null));
    assertEquals(0, preflight.body().length);
    assertEquals("*", get.headers().firstValue("access-control-allow-origin").orElse(null));
  }
}
