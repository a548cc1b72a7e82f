package io.netecho.http;

import io.netecho.config.NetEchoConfig;
import io.netecho.stats.HttpStats;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Error;
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
 *
 * <p>A query with fortio's {@code status=}, {@code delay=}, {@code header=} or {@code size=} shapes the
 * answer ({@link EchoQuery}); a bad one is answered 400 with one line once the body is in.
 */
final class RequestEcho {

  /** How much of a too-large body is read and dropped before the connection is cut. */
  static final int MAX_DISCARDED_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RequestEcho.class);
  private static final String OCTET_STREAM = "application/octet-stream";

  /** What {@code size=} answers with: printable ASCII, repeated. */
  private static final byte[] FILLER = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final NetEchoConfig.Http settings;
  private final int maxBodyBytes;
  private final HttpStats stats;
  private final String peer;
  private Buffer body = Buffer.buffer();
  private long received;
  private boolean tooLarge;
  private EchoQuery asked;
  private String badQuery;

  private RequestEcho(Vertx vertx, HttpServerRequest request, NetEchoConfig.Http settings, HttpStats stats, String peer) {
    this.vertx = vertx;
    this.request = request;
    this.settings = settings;
    this.maxBodyBytes = settings.maxBodyBytes();
    this.stats = stats;
    this.peer = peer;
  }

  static void serve(Vertx vertx, HttpServerRequest request, NetEchoConfig.Http settings, HttpStats stats, String peer) {
    new RequestEcho(vertx, request, settings, stats, peer).start();
  }

  private void start() {
    stats.request();
    try {
      asked = EchoQuery.of(request.query(), settings);
      if (asked != null && asked.needsHttp2() && request.version() != HttpVersion.HTTP_2) {
        throw new BadRequest((asked.rstCode() >= 0 ? "rst" : "goaway") + " needs HTTP/2; this request is "
          + (request.version() == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1"));
      }
    } catch (BadRequest bad) {
      badQuery = bad.getMessage();
    }
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
    if (badQuery != null) {
      Httpbin.badRequest(request, badQuery);
      return;
    }
    Buffer answer;
    if (asked != null && asked.size() >= 0) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=us-ascii");
      answer = filler(asked.size());
    } else if (wantsRaw()) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, OCTET_STREAM);
      answer = body;
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
      answer = Buffer.buffer(RequestJson.of(request, body).encodePrettily()).appendString("\n");
    }
    stats.sent(answer.length());
    if (asked == null) {
      response.end(answer);
      return;
    }
    if (asked.status() != 0) {
      response.setStatusCode(asked.status());
    }
    for (String[] header : asked.headers()) {
      response.headers().add(header[0], header[1]);
    }
    if (asked.fault() == EchoQuery.Fault.HANG) {
      LOG.info("http request from {} asked for no answer (hang)", peer);
      stats.requestFault("requestHang");
      return;
    }
    if (asked.delayMs() > 0) {
      vertx.setTimer(asked.delayMs(), id -> answer(response, answer));
    } else {
      answer(response, answer);
    }
  }

  /**
   * The answer, or as much of it as a fault lets out: headers that announce the whole body, its first
   * bytes, then the end that the fault asked for. Over HTTP/2 the stream is reset (RST_STREAM, CANCEL or
   * the {@code rst=} code) in either case, the connection's other streams going on; {@code rst} alone
   * resets it before any header. {@code goaway} sends a GOAWAY first that still lets this stream finish
   * (its last stream id is this one); Vert.x closes the connection once its streams are done.
   */
  private void answer(HttpServerResponse response, Buffer answer) {
    if (asked.goAwayCode() >= 0) {
      LOG.info("http/2 GOAWAY ({}) to {} before its answer", asked.goAwayCode(), peer);
      stats.requestFault("goaway");
      request.connection().goAway(asked.goAwayCode());
    }
    boolean cut = asked.fault() == EchoQuery.Fault.RESET || asked.fault() == EchoQuery.Fault.TRUNCATE;
    if (asked.rstCode() >= 0) {
      stats.requestFault("rst");
    }
    if (asked.rstCode() >= 0 && !cut) {
      LOG.info("http/2 stream of {} reset ({}) instead of its answer", peer, asked.rstCode());
      response.reset(asked.rstCode());
      return;
    }
    if (!cut) {
      response.end(answer);
      return;
    }
    stats.requestFault(asked.fault() == EchoQuery.Fault.RESET ? "requestReset" : "requestTruncate");
    int sent = Math.min(asked.faultAfterBytes(), answer.length());
    LOG.info("http answer to {} cut after {} of {} body bytes ({})", peer, sent, answer.length(),
      asked.fault() == EchoQuery.Fault.RESET ? "reset" : "truncate");
    response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(answer.length()));
    response.write(answer.slice(0, sent)).onComplete(written -> {
      if (request.version() == HttpVersion.HTTP_2) {
        response.reset(asked.rstCode() >= 0 ? asked.rstCode() : Http2Error.CANCEL.code());
      } else if (asked.fault() == EchoQuery.Fault.RESET) {
        ConnectionReset.of(request.connection());
      } else {
        request.connection().close();
      }
    });
  }

  private static Buffer filler(int size) {
    Buffer body = Buffer.buffer(size);
    while (body.length() + FILLER.length <= size) {
      body.appendBytes(FILLER);
    }
    return body.appendBytes(FILLER, 0, size - body.length());
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
