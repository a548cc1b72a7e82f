package io.netecho.http;

import io.netecho.testing.Commands;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.GoAway;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code rst[=CODE]} and {@code goaway[=CODE]} on an HTTP/2 echo request, as a real HTTP/2 client sees
 * them (Vert.x's h2c client, and curl where installed); on HTTP/1.1 they are a 400.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class Http2StreamFaultTest {

  private HttpClientAgent client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close().await();
    }
  }

  private HttpClientAgent h2c(Vertx vertx, Promise<HttpConnection> connected) {
    client = vertx.httpClientBuilder()
      .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false))
      .withConnectHandler(connected::tryComplete)
      .build();
    return client;
  }

  private static Future<HttpClientResponse> get(HttpClientAgent client, int port, String target) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", target).compose(request -> request.send());
  }

  /** An answer read whole on the event loop (a response's body may arrive before the test thread could ask for it). */
  private record Answer(int status, String contentLength, String body) {
  }

  private static Answer answer(HttpClientAgent client, int port, String target) {
    return get(client, port, target)
      .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
        response.getHeader("content-length"), body.toString(StandardCharsets.UTF_8))))
      .await();
  }

  private static Throwable failure(Future<?> future) {
    CompletionException failed = assertThrows(CompletionException.class, () -> future.toCompletionStage().toCompletableFuture().join());
    return failed.getCause();
  }

  @Test
  void rstResetsTheStreamWithCancelBeforeAnyHeader(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    Throwable reset = failure(get(h2c(vertx, Promise.promise()), port, "/x?rst"));

    assertEquals(8, assertInstanceOf(StreamResetException.class, reset).getCode());
  }

  @Test
  void rstTakesACodeByNumberOrByName(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    HttpClientAgent http = h2c(vertx, Promise.promise());

    Throwable byNumber = failure(get(http, port, "/x?rst=2"));
    Throwable byName = failure(get(http, port, "/x?rst=enhance_your_calm"));

    assertEquals(2, assertInstanceOf(StreamResetException.class, byNumber).getCode());
    assertEquals(11, assertInstanceOf(StreamResetException.class, byName).getCode());
  }

  @Test
  void theConnectionsOtherStreamsGoOnAfterAnRst(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    AtomicInteger connections = new AtomicInteger();
    client = vertx.httpClientBuilder()
      .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false))
      .withConnectHandler(connection -> connections.incrementAndGet())
      .build();

    failure(get(client, port, "/x?rst"));
    Answer raw = answer(client, port, "/x?raw");

    assertEquals(200, raw.status());
    assertEquals(1, connections.get(), "the second request went on the same connection");
  }

  @Test
  void rstWithResetGivesTheFirstBytesThenThatCode(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    StringBuilder received = new StringBuilder();
    Promise<HttpClientResponse> head = Promise.promise();
    Future<Void> ended = get(h2c(vertx, Promise.promise()), port, "/x?size=100&reset=10&rst=REFUSED_STREAM")
      .compose(response -> {
        head.complete(response);
        response.handler(chunk -> received.append(chunk.toString(StandardCharsets.US_ASCII)));
        return response.end();
      });

    Throwable reset = failure(ended);

    HttpClientResponse response = head.future().await();
    assertEquals(200, response.statusCode());
    assertEquals("100", response.getHeader("content-length"));
    assertEquals(7, assertInstanceOf(StreamResetException.class, reset).getCode());
    assertEquals("0123456789", received.toString());
  }

  @Test
  void goawayIsSeenBeforeTheAnswerWhichStillArrivesThenTheConnectionCloses(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    Promise<HttpConnection> connected = Promise.promise();
    Promise<GoAway> goAway = Promise.promise();
    Promise<Void> closed = Promise.promise();
    HttpClientAgent http = h2c(vertx, connected);
    connected.future().onSuccess(connection -> connection.goAwayHandler(goAway::tryComplete).closeHandler(closed::tryComplete));

    Answer answer = answer(http, port, "/x?goaway=2");

    assertEquals(200, answer.status());
    assertEquals("goaway=2", new JsonObject(answer.body()).getString("query"));
    GoAway frame = goAway.future().await();
    assertEquals(2, frame.getErrorCode());
    assertEquals(1, frame.getLastStreamId(), "the answered stream is the last one the server processes");
    closed.future().await();
  }

  @Test
  void bareGoawaySaysNoError(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    Promise<HttpConnection> connected = Promise.promise();
    Promise<GoAway> goAway = Promise.promise();
    HttpClientAgent http = h2c(vertx, connected);
    connected.future().onSuccess(connection -> connection.goAwayHandler(goAway::tryComplete));

    answer(http, port, "/x?goaway");

    assertEquals(0, goAway.future().await().getErrorCode());
  }

  @Test
  void onHttp1TheyAreA400Line(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    client = vertx.createHttpClient();

    Answer rst = answer(client, port, "/x?rst=2");
    Answer goAway = answer(client, port, "/x?goaway");

    assertEquals(new Answer(400, rst.contentLength(), "rst needs HTTP/2; this request is HTTP/1.1\n"), rst);
    assertEquals(new Answer(400, goAway.contentLength(), "goaway needs HTTP/2; this request is HTTP/1.1\n"), goAway);
  }

  @Test
  void aBadCodeIsA400Line(Vertx vertx) {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    Answer answer = answer(h2c(vertx, Promise.promise()), port, "/x?rst=4294967296");

    assertEquals(400, answer.status());
    assertEquals("rst=4294967296 is not an HTTP/2 error code: a number up to 4294967295 or a name such as CANCEL"
      + " or REFUSED_STREAM\n", answer.body());
  }

  @Test
  void curlSeesTheStreamResetWithItsCode(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("curl"), "curl is not installed");
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();

    Process curl = new ProcessBuilder(List.of("curl", "-sS", "--max-time", "20", "--http2-prior-knowledge",
      "-o", "/dev/null", "http://127.0.0.1:" + port + "/x?rst=INTERNAL_ERROR")).start();
    String stderr = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(curl.waitFor(30, TimeUnit.SECONDS));

    // CURLE_HTTP2_STREAM
    assertEquals(92, curl.exitValue(), stderr);
    assertTrue(stderr.contains("INTERNAL_ERROR (err 2)"), stderr);
  }
}
