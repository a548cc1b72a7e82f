package io.netecho.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * One request to the HTTP echo, answered 200 with the request as JSON ({@link RequestJson}), or with
 * its body byte for byte when the client asks ({@code ?raw}, or {@code Accept: application/octet-stream}).
 *
 * <p>A body over {@code http.maxBodyBytes} (declared by {@code Content-Length}, or counted as it
 * arrives) is never buffered: the answer is 413 at once, the rest of the body is read and dropped so
 * the client gets to read that answer, and the connection is closed when the body ends, or once
 * {@value #MAX_DISCARDED_BYTES} more bytes were dropped.
 */
final class RequestEcho {

  /** How much of a too-large body is read and dropped before the connection is cut. */
  static final int MAX_DISCARDED_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RequestEcho.class);
  private static final String OCTET_STREAM = "application/octet-stream";

  private final HttpServerRequest request;
  private final int maxBodyBytes;
  private final HttpStats stats;
  private final String peer;
  private Buffer body = Buffer.buffer();
  private long received;
  private boolean tooLarge;

  private RequestEcho(HttpServerRequest request, int maxBodyBytes, HttpStats stats, String peer) {
    this.request = request;
    this.maxBodyBytes = maxBodyBytes;
    this.stats = stats;
    this.peer = peer;
  }

  static void serve(HttpServerRequest request, int maxBodyBytes, HttpStats stats, String peer) {
    new RequestEcho(request, maxBodyBytes, stats, peer).start();
  }

  private void start() {
    stats.request();
    request.exceptionHandler(this::onError);
    request.handler(this::onChunk);
    request.endHandler(v -> onEnd());
    if (declaredLength() > maxBodyBytes) {
      reject();
    } else if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
      request.response().writeContinue();
    }
  }

  private void onChunk(Buffer chunk) {
    received += chunk.length();
    stats.received(chunk.length());
    if (tooLarge) {
      if (received > (long) maxBodyBytes + MAX_DISCARDED_BYTES) {
        request.connection().close();
      }
    } else if (received > maxBodyBytes) {
      reject();
    } else {
      body.appendBuffer(chunk);
    }
  }

  private void onEnd() {
    if (tooLarge) {
      request.connection().close();
      return;
    }
    HttpServerResponse response = request.response();
    Buffer answer;
    if (wantsRaw()) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, OCTET_STREAM);
      answer = body;
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
      answer = Buffer.buffer(RequestJson.of(request, body).encodePrettily()).appendString("\n");
    }
    stats.sent(answer.length());
    response.end(answer);
  }

  /**
   * The connection failed or closed mid-request. A failure (a reset) is the connection's log line
   * already (HttpEcho); a close before the body was complete is worth a line only when debugging.
   */
  private void onError(Throwable error) {
    if (error instanceof HttpClosedException && !tooLarge) {
      LOG.debug("http client {} closed the connection before its request was complete", peer);
    }
  }

  /** 413 once; the body read so far is let go and the rest will be dropped. */
  private void reject() {
    tooLarge = true;
    body = null;
    stats.tooLarge();
    LOG.info("http request body from {} over {} bytes: answered 413", peer, maxBodyBytes);
    Buffer answer = Buffer.buffer("request body over " + maxBodyBytes + " bytes (http.maxBodyBytes)\n");
    stats.sent(answer.length());
    request.response()
      .setStatusCode(413)
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
      .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
      .end(answer)
      .onComplete(written -> {
        // a client that waits for 100-continue sends no body: nothing more to read
        if (request.isEnded() || request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
          request.connection().close();
        }
      });
  }

  /** The declared body length; -1 when none is declared, past any limit when it is not a number. */
  private long declaredLength() {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** {@code ?raw} (with or without a value), or {@code application/octet-stream} among the accepted types. */
  private boolean wantsRaw() {
    String query = request.query();
    if (query != null) {
      for (String param : query.split("&")) {
        if (param.equals("raw") || param.startsWith("raw=")) {
          return true;
        }
      }
    }
    for (String accept : request.headers().getAll(HttpHeaders.ACCEPT)) {
      for (String type : accept.split(",")) {
        int parameters = type.indexOf(';');
        String media = (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        if (media.equals(OCTET_STREAM)) {
          return true;
        }
      }
    }
    return false;
  }
}
