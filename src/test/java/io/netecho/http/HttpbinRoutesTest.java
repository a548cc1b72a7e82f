package io.netecho.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.netecho.http.HttpEchoTest.request;
import static io.netecho.http.HttpEchoTest.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** httpbin's routes answer with httpbin's statuses, headers and JSON shapes; any other path is still echoed. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class HttpbinRoutesTest {

  private static JsonObject json(HttpResponse<byte[]> response) {
    return HttpEchoTest.json(response);
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static int port(Vertx vertx) {
    return port(vertx, new JsonObject());
  }

  private static int port(Vertx vertx, JsonObject http) {
    return HttpEchoServer.deploy(vertx, new JsonObject().put("http", http)).httpPort();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 204, 404, 418, 500, 503, 599})
  void statusAnswersThatStatus(int code, Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx), "/status/" + code).build());

    assertEquals(code, response.statusCode());
    assertEquals(code == 418 ? "I'm a teapot\n" : "", text(response));
  }

  @Test
  void statusOfARedirectCodeSaysWhereTo(Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx), "/status/302").build());

    assertEquals(302, response.statusCode());
    assertEquals("/redirect/1", response.headers().firstValue("location").orElse(null));
  }

  @Test
  void aWeightedStatusListAnswersOnlyItsCodesAndEachWithWeight(Vertx vertx) throws Exception {
    int port = port(vertx);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      seen.add(send(request(port, "/status/201:0.5,503:0.5,404:0").build()).statusCode());
    }

    assertEquals(Set.of(201, 503), seen);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/status/600", "/status/99", "/status/abc", "/status/200:x", "/status/200:-1,500",
    "/status/200,"})
  void aBadStatusIsAnswered400WithOneLine(String path, Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx), path).build());

    assertEquals(400, response.statusCode());
    assertEquals("text/plain; charset=utf-8", response.headers().firstValue("content-type").orElse(null));
    String line = text(response);
    assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
  }

  @Test
  void statusNamesTheUnknownCode(Vertx vertx) throws Exception {
    assertEquals("unknown status code 600: use 200..599\n", text(send(request(port(vertx), "/status/600").build())));
  }

  @Test
  void getAnswersArgsHeadersOriginAndUrl(Vertx vertx) throws Exception {
    int port = port(vertx);
    JsonObject answer = json(send(request(port, "/get?a=1&a=2&b=x%20y")
      .header("X-Demo", "one").header("x-demo", "two").header("User-Agent", "probe/1").build()));

    assertEquals(Set.of("args", "headers", "origin", "url"), answer.fieldNames());
    assertEquals(new JsonObject().put("a", new JsonArray().add("1").add("2")).put("b", "x y"), answer.getJsonObject("args"));
    assertEquals("one,two", answer.getJsonObject("headers").getString("X-Demo"));
    assertEquals("probe/1", answer.getJsonObject("headers").getString("User-Agent"));
    assertEquals("127.0.0.1", answer.getString("origin"));
    assertEquals("http://127.0.0.1:" + port + "/get?a=1&a=2&b=x%20y", answer.getString("url"));
  }

  @Test
  void postAnswersTheJsonBodyAsDataAndJson(Vertx vertx) throws Exception {
    JsonObject answer = json(send(request(port(vertx), "/post?q=1")
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString("{\"k\":[1,2]}")).build()));

    assertEquals(Set.of("args", "data", "files", "form", "headers", "json", "origin", "url"), answer.fieldNames());
    assertEquals("{\"k\":[1,2]}", answer.getString("data"));
    assertEquals(new JsonObject().put("k", new JsonArray().add(1).add(2)), answer.getJsonObject("json"));
    assertEquals(new JsonObject().put("q", "1"), answer.getJsonObject("args"));
    assertEquals(new JsonObject(), answer.getJsonObject("form"));
  }

  @Test
  void postAnswersAFormAsForm(Vertx vertx) throws Exception {
    JsonObject answer = json(send(request(port(vertx), "/post")
      .header("Content-Type", "application/x-www-form-urlencoded")
      .POST(HttpRequest.BodyPublishers.ofString("a=1&b=two+words")).build()));

    assertEquals(new JsonObject().put("a", "1").put("b", "two words"), answer.getJsonObject("form"));
    assertEquals("", answer.getString("data"));
    assertNull(answer.getValue("json"));
  }

  @Test
  void anythingAnswersTheMethodAndABinaryBodyAsADataUrl(Vertx vertx) throws Exception {
    JsonObject answer = json(send(request(port(vertx), "/anything/deeper/path")
      .method("PUT", HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0, 1})).build()));

    assertEquals("PUT", answer.getString("method"));
    assertEquals("data:application/octet-stream;base64,/wAB", answer.getString("data"));
  }

  @Test
  void headersIpAndUserAgentAnswerTheirOneField(Vertx vertx) throws Exception {
    int port = port(vertx);

    assertEquals("v", json(send(request(port, "/headers").header("X-Probe", "v").build()))
      .getJsonObject("headers").getString("X-Probe"));
    assertEquals(new JsonObject().put("origin", "127.0.0.1"), json(send(request(port, "/ip").build())));
    assertEquals(new JsonObject().put("origin", "203.0.113.9"),
      json(send(request(port, "/ip").header("X-Forwarded-For", "203.0.113.9").build())));
    assertEquals(new JsonObject().put("user-agent", "probe/2"),
      json(send(request(port, "/user-agent").header("User-Agent", "probe/2").build())));
  }

  @Test
  void bytesWithASeedAreTheSameBytesEachTime(Vertx vertx) throws Exception {
    int port = port(vertx);
    byte[] expected = new byte[300];
    new Random(42).nextBytes(expected);

    HttpResponse<byte[]> first = send(request(port, "/bytes/300?seed=42").build());
    HttpResponse<byte[]> streamed = send(request(port, "/stream-bytes/300?seed=42&chunk_size=7").build());

    assertEquals("application/octet-stream", first.headers().firstValue("content-type").orElse(null));
    assertEquals("300", first.headers().firstValue("content-length").orElse(null));
    assertArrayEquals(expected, first.body());
    assertEquals(200, streamed.statusCode());
    assertArrayEquals(expected, streamed.body());
  }

  @Test
  void bytesOverTheCapAre400(Vertx vertx) throws Exception {
    int port = port(vertx, new JsonObject().put("maxGeneratedBytes", 1000));

    HttpResponse<byte[]> response = send(request(port, "/bytes/1001").build());

    assertEquals(400, response.statusCode());
    assertEquals("byte count 1001 is over 1000 (http.maxGeneratedBytes)\n", text(response));
    assertEquals(1000, send(request(port, "/stream-bytes/1000").build()).body().length);
  }

  @Test
  void responseHeadersAreSetAndEchoedInTheBody(Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx), "/response-headers?X-One=1&X-Two=a&X-Two=b").build());

    assertEquals(200, response.statusCode());
    assertEquals(List.of("1"), response.headers().allValues("x-one"));
    assertEquals(List.of("a", "b"), response.headers().allValues("x-two"));
    JsonObject body = new JsonObject(text(response));
    assertEquals("1", body.getString("X-One"));
    assertEquals(new JsonArray().add("a").add("b"), body.getJsonArray("X-Two"));
    assertEquals(String.valueOf(response.body().length), body.getString("Content-Length"));
  }

  @Test
  void anOversizedResponseHeaderIs400(Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx), "/response-headers?X-Big=" + "v".repeat(2100)).build());

    assertEquals(400, response.statusCode());
    assertEquals("header X-Big is over 2048 bytes\n", text(response));
  }

  @Test
  void redirectCountsDownToGet(Vertx vertx) throws Exception {
    int port = port(vertx, new JsonObject().put("maxRedirects", 5));

    HttpResponse<byte[]> first = send(request(port, "/redirect/3").build());
    HttpResponse<byte[]> last = send(request(port, "/relative-redirect/1").build());
    HttpResponse<byte[]> absolute = send(request(port, "/absolute-redirect/2").build());
    HttpResponse<byte[]> tooMany = send(request(port, "/redirect/6").build());

    assertEquals(302, first.statusCode());
    assertEquals("/relative-redirect/2", first.headers().firstValue("location").orElse(null));
    assertEquals("/get", last.headers().firstValue("location").orElse(null));
    assertEquals("http://127.0.0.1:" + port + "/absolute-redirect/1", absolute.headers().firstValue("location").orElse(null));
    assertEquals(400, tooMany.statusCode());
    assertEquals("redirect count 6 is over 5 (http.maxRedirects)\n", text(tooMany));
  }

  @Test
  void delayAnswersLikeAnythingAfterTheDelay(Vertx vertx) throws Exception {
    int port = port(vertx);
    long start = System.nanoTime();

    JsonObject answer = json(send(request(port, "/delay/0.2?x=1").build()));

    assertTrue(System.nanoTime() - start >= 200_000_000L);
    assertEquals(new JsonObject().put("x", "1"), answer.getJsonObject("args"));
  }

  @Test
  void aDelayOverTheCapIs400(Vertx vertx) throws Exception {
    HttpResponse<byte[]> response = send(request(port(vertx, new JsonObject().put("maxDelayMs", 500)), "/delay/1").build());

    assertEquals(400, response.statusCode());
    assertEquals("delay 1 s is not within 0..500 ms (http.maxDelayMs)\n", text(response));
  }

  @Test
  void otherPathsAndMethodsAreStillEchoed(Vertx vertx) throws Exception {
    int port = port(vertx);

    JsonObject postToGet = json(send(request(port, "/get").POST(HttpRequest.BodyPublishers.ofString("b")).build()));
    JsonObject status = json(send(request(port, "/status").build()));
    JsonObject other = json(send(request(port, "/getter").build()));

    assertEquals("POST", postToGet.getString("method"));
    assertEquals("b", postToGet.getString("body"));
    assertEquals("/status", status.getString("path"));
    assertEquals("/getter", other.getString("path"));
  }
}
