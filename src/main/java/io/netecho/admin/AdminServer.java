package io.netecho.admin;

import io.netecho.OneLine;
import io.netecho.StartupException;
import io.netecho.cluster.Broadcasts;
import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The admin HTTP endpoint (SPEC §7): {@code GET /health}, {@code GET /stats}, {@code GET /metrics},
 * {@code POST /broadcast}. Anything else is 404, a known path with another method 405; every error is
 * a short JSON {@code {"error": ...}}, never a stack trace. Input that is not HTTP, or a request line
 * or headers over the limits, is answered 400, 414 or 431 and the connection closed, with one log line.
 */
final class AdminServer {

  /** The largest {@code POST /broadcast} body; above it the answer is 413. */
  static final int MAX_BROADCAST_BYTES = Broadcasts.MAX_BYTES;
  /** How much of a too-large body is read and dropped before the connection is closed. */
  static final int MAX_DISCARDED_BYTES = 1024 * 1024;
  /** The longest request line; above it the answer is 414 (Vert.x's default, made explicit). */
  static final int MAX_REQUEST_LINE_BYTES = HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH;
  /** The most header bytes a request may carry; above it the answer is 431 (Vert.x's default, made explicit). */
  static final int MAX_HEADER_BYTES = HttpServerOptions.DEFAULT_MAX_HEADER_SIZE;
  /** How much of a client-supplied text (in a parse error) a log line shows. */
  private static final int MAX_LOGGED_CHARS = 200;

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final String JSON = "application/json";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final NodeServices node;
  private final NetEchoConfig.Admin config;
  private final BearerToken token;
  private volatile boolean stopping;

  AdminServer(NodeServices node, NetEchoConfig.Admin config) {
    this.node = node;
    this.config = config;
    this.token = new BearerToken(config.token());
  }

  Future<HttpServer> listen(Vertx vertx) {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setIdleTimeout(60)
      .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
      .setMaxHeaderSize(MAX_HEADER_BYTES);
    return vertx.createHttpServer(options)
      .connectionHandler(connection -> connection.exceptionHandler(err -> connectionFailed(connection, err)))
      .invalidRequestHandler(AdminServer::malformed)
      .requestHandler(this::handle)
      .listen(config.port(), config.host())
      .onSuccess(server -> LOG.info("admin endpoint on http://{}:{}", bracketed(config.host()), server.actualPort()))
      .recover(err -> Future.failedFuture(new StartupException(
        "admin endpoint cannot listen on " + config.host() + ":" + config.port() + ": " + OneLine.of(err))));
  }

  /** From now on {@code /health} answers 503: the node is going away. */
  void stopping() {
    stopping = true;
  }

  private void handle(HttpServerRequest request) {
    try {
      switch (request.path()) {
        case "/health" -> get(request, this::health);
        case "/stats" -> get(request, this::stats);
        case "/metrics" -> get(request, this::metrics);
        case "/broadcast" -> {
          if (request.method() == HttpMethod.POST) {
            broadcast(request);
          } else {
            methodNotAllowed(request, "POST");
          }
        }
        default -> error(request, 404, "not found");
      }
    } catch (RuntimeException e) {
      failed(request, e);
    }
  }

  /**
   * A request Netty could not parse: input that is not HTTP (400), a request line over
   * {@value #MAX_REQUEST_LINE_BYTES} bytes (414), headers over {@value #MAX_HEADER_BYTES} bytes (431).
   * One log line, a short JSON answer, then the connection is closed: what follows such input cannot
   * be trusted to be requests.
   */
  private static void malformed(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String problem;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      problem = "request line over " + MAX_REQUEST_LINE_BYTES + " bytes";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      problem = "headers over " + MAX_HEADER_BYTES + " bytes";
    } else {
      status = 400;
      problem = "not an HTTP request";
    }
    LOG.warn("admin: {} from {} ({}): answered {} and closed the connection",
      problem, describe(request.remoteAddress()), clientText(cause), status);
    HttpConnection connection = request.connection();
    // Once the answer is written, Vert.x fails the connection with this same cause, which closes it:
    // logged already, so only another failure is a line of its own.
    connection.exceptionHandler(err -> {
      if (err != cause) {
        connectionFailed(connection, err);
      }
    });
    json(request, status, new JsonObject().put("error", problem)).onComplete(answered -> connection.close());
  }

  /** A connection that failed outside any request (a reset, a broken chunked body): one line, Vert.x closes it. */
  private static void connectionFailed(HttpConnection connection, Throwable err) {
    LOG.warn("admin: connection error {}: {}", describe(connection.remoteAddress()), clientText(err));
  }

  /** A failure's message as one escaped, bounded line: parse errors quote the client's bytes. */
  private static String clientText(Throwable failure) {
    return failure == null ? "no reason given" : LogText.escape(Buffer.buffer(OneLine.of(failure)), MAX_LOGGED_CHARS);
  }

  private static String describe(SocketAddress address) {
    if (address == null) {
      return "an unknown address";
    }
    String host = address.hostAddress() != null ? address.hostAddress() : address.host();
    return bracketed(host) + ":" + address.port();
  }

  private void get(HttpServerRequest request, Consumer<HttpServerRequest> handler) {
    if (request.method() == HttpMethod.GET) {
      handler.accept(request);
    } else {
      methodNotAllowed(request, "GET");
    }
  }

  /** 200 once the echo server listens and, clustered, this node is a member; 503 otherwise. */
  private void health(HttpServerRequest request) {
    boolean joined = node.members().joined();
    JsonObject body = new JsonObject()
      .put("status", !stopping && joined ? "UP" : "DOWN")
      .put("node", node.members().self())
      .put("clustered", node.members().clustered());
    if (node.members().clustered()) {
      body.put("joined", joined).put("members", node.members().all().size());
    }
    if (stopping) {
      body.put("reason", "stopping");
    } else if (!joined) {
      body.put("reason", "not a member of the cluster");
    }
    json(request, !stopping && joined ? 200 : 503, body);
  }

  private void stats(HttpServerRequest request) {
    node.clusterStats().gather().onComplete(result -> answer(request, result));
  }

  private void metrics(HttpServerRequest request) {
    request.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
      .end(node.registry().scrape());
  }

  /**
   * 403 without a configured token, 401 without the right one (checked before any of the body is
   * read), 413 over {@value #MAX_BROADCAST_BYTES} bytes, 400 for an empty body, 429 over
   * {@code broadcast.ratePerSecond}; else the cluster-wide counts.
   */
  private void broadcast(HttpServerRequest request) {
    if (!token.configured()) {
      discardBody(request);
      error(request, 403, "broadcast is off: no admin.token is configured");
      return;
    }
    if (!token.matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      discardBody(request);
      request.response().putHeader("WWW-Authenticate", "Bearer");
      error(request, 401, "missing or wrong bearer token");
      return;
    }
    Buffer body = Buffer.buffer();
    long[] seen = {0};
    if (tooLong(request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
      tooLarge(request);
    }
    request.handler(chunk -> {
      seen[0] += chunk.length();
      if (request.response().ended()) {
        closeWhenOver(request, seen[0]);
      } else if (seen[0] > MAX_BROADCAST_BYTES) {
        tooLarge(request);
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(v -> {
      if (request.response().ended()) {
        return;
      }
      if (body.length() == 0) {
        error(request, 400, "empty message: the request body is what is broadcast");
        return;
      }
      if (!node.broadcasts().tryAdmit()) {
        request.response().putHeader("Retry-After", "1");
        error(request, 429, "over broadcast.ratePerSecond: try again in a second");
        return;
      }
      node.broadcasts().toCluster(body).onComplete(result -> answer(request, result));
    });
  }

  private static boolean tooLong(String contentLength) {
    if (contentLength == null) {
      return false;
    }
    try {
      return Long.parseLong(contentLength.trim()) > MAX_BROADCAST_BYTES;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** 413 at once; the caller drops the rest of the body as {@link #discardBody} does. */
  private static void tooLarge(HttpServerRequest request) {
    json(request, 413, new JsonObject().put("error", "message over " + MAX_BROADCAST_BYTES + " bytes"));
  }

  /**
   * An early answer leaves the body unread: it is read and dropped, so that a client still sending
   * gets to read the answer, and a client going on past {@value #MAX_DISCARDED_BYTES} bytes is cut off.
   */
  private static void discardBody(HttpServerRequest request) {
    long[] seen = {0};
    request.handler(chunk -> {
      seen[0] += chunk.length();
      closeWhenOver(request, seen[0]);
    });
  }

  private static void closeWhenOver(HttpServerRequest request, long discarded) {
    if (discarded > MAX_DISCARDED_BYTES) {
      request.connection().close();
    }
  }

  private static void methodNotAllowed(HttpServerRequest request, String allowed) {
    request.response().putHeader(HttpHeaders.ALLOW, allowed);
    error(request, 405, "method not allowed; use " + allowed);
  }

  private static void answer(HttpServerRequest request, AsyncResult<JsonObject> result) {
    if (result.succeeded()) {
      json(request, 200, result.result());
    } else {
      failed(request, result.cause());
    }
  }

  private static void failed(HttpServerRequest request, Throwable cause) {
    LOG.warn("admin {} {} failed: {}", request.method(), request.path(), OneLine.of(cause));
    error(request, 500, "internal error");
  }

  private static void error(HttpServerRequest request, int status, String message) {
    json(request, status, new JsonObject().put("error", message));
  }

  private static Future<Void> json(HttpServerRequest request, int status, JsonObject body) {
    if (request.response().ended() || request.response().closed()) {
      return Future.succeededFuture();
    }
    return request.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
      .end(body.encodePrettily() + "\n");
  }

  private static String bracketed(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
