package io.netecho.admin;

import io.micrometer.core.instrument.Gauge;
import io.netecho.health.Readiness;
import io.netecho.http.MalformedRequest;
import io.netecho.log.OneLine;
import io.netecho.config.StartupException;
import io.netecho.build.Version;
import io.netecho.cluster.Broadcasts;
import io.netecho.config.NetEchoConfig;
import io.netecho.events.Peer;
import io.netecho.log.LogText;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The admin HTTP endpoint (SPEC §7) on a vertx-web {@link Router}: {@code GET /health},
 * {@code /health/live}, {@code /health/ready} (vertx-health-check, {@link Probes}), {@code GET /stats},
 * {@code GET /metrics} (Micrometer's Prometheus scraping handler), {@code POST /broadcast},
 * {@code GET}/{@code PUT /faults}; {@code HEAD}
 * wherever {@code GET} is served. Anything else is 404, a known path with another method 405; every
 * error is a short JSON {@code {"error": ...}}, never a stack trace. Input that is not HTTP, or a
 * request line or headers over the limits, is answered 400, 414 or 431 and the connection closed,
 * with one log line.
 *
 * <p>Hardened for a port anyone on the host can reach: at most {@value #MAX_CONNECTIONS} connections
 * ({@link ConnectionCap}), idle ones closed after {@value #IDLE_TIMEOUT_SECONDS} s, HTTP/1.x only,
 * and, bound to loopback, only a loopback {@code Host} served ({@link LoopbackHost}, else 421).
 */
public final class AdminServer {

  /** The largest {@code POST /broadcast} body; above it the answer is 413. */
  static final int MAX_BROADCAST_BYTES = Broadcasts.MAX_BYTES;
  /** How much of a too-large body is read and dropped before the connection is closed. */
  static final int MAX_DISCARDED_BYTES = 1024 * 1024;
  /** The longest request line; above it the answer is 414 (Vert.x's default, made explicit). */
  static final int MAX_REQUEST_LINE_BYTES = HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH;
  /** The most header bytes a request may carry; above it the answer is 431 (Vert.x's default, made explicit). */
  static final int MAX_HEADER_BYTES = HttpServerOptions.DEFAULT_MAX_HEADER_SIZE;
  /** How much of a client-supplied text (a parse error, a path) a log line shows. */
  private static final int MAX_LOGGED_CHARS = 200;
  /** An admin connection that neither sends nor receives this long is closed. */
  static final int IDLE_TIMEOUT_SECONDS = 10;
  /** The most admin connections open at once; a new one over it is closed at once. */
  static final int MAX_CONNECTIONS = 64;
  /** The paths {@code HealthCheckHandler} serves; any other {@code /health/...} is 404 like any unknown path. */
  private static final Set<String> PROBES = Set.of("/health", "/health/live", "/health/ready");

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final String JSON = "application/json";
  /** How a log line names a client whose address is gone. */
  private static final String UNKNOWN_PEER = "an unknown address";

  private final NodeView node;
  private final NetEchoConfig.Admin config;
  private final String tokenFile;
  private BearerToken token;
  private volatile boolean stopping;

  public AdminServer(NodeView node, NetEchoConfig config) {
    this.node = node;
    this.config = config.admin();
    this.tokenFile = config.admin().tokenFile();
  }

  /** Reads the token (a token file once), then listens; fails, in one line, when either cannot be done. */
  public Future<HttpServer> listen(Vertx vertx) {
    return AdminToken.load(vertx, config.token(), tokenFile).compose(configured -> {
      token = new BearerToken(configured);
      return serve(vertx);
    });
  }

  private Future<HttpServer> serve(Vertx vertx) {
    Gauge.builder("netecho.build.info", () -> 1).description("the running net-echo's version, as a label")
      .tag("version", Version.current()).register(node.registry());
    HttpServerOptions options = new HttpServerOptions().setHost(config.host())
      .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
      // HTTP/1.x only: nothing here needs HTTP/2, and without it every connection is an HTTP/1.x
      // connection (counted by the cap) from its first byte, not after it has sent a preface
      .setHttp2ClearTextEnabled(false)
      .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
      .setMaxHeaderSize(MAX_HEADER_BYTES);
    ConnectionCap cap = new ConnectionCap(MAX_CONNECTIONS);
    return vertx.createHttpServer(options)
      .connectionHandler(connection -> {
        connection.exceptionHandler(err -> connectionFailed(connection, err));
        cap.admit(connection);
      })
      .invalidRequestHandler(AdminServer::malformed)
      .requestHandler(router(vertx, node.readiness()))
      .listen(config.port(), config.host())
      .onSuccess(server -> LOG.info("admin endpoint on http://{}:{}", Peer.host(config.host()), server.actualPort()))
      .recover(err -> Future.failedFuture(new StartupException(
        "admin endpoint cannot listen on " + config.host() + ":" + config.port() + ": " + OneLine.of(err))));
  }

  /** From now on {@code /health} and {@code /health/ready} answer 503: the node is going away. */
  public void stopping() {
    stopping = true;
  }

  private Router router(Vertx vertx, Readiness readiness) {
    BooleanSupplier notReady = () -> stopping || readiness.draining();
    Router router = Router.router(vertx);
    if (LoopbackHost.isLoopback(config.host())) {
      router.route().handler(AdminServer::loopbackHostOnly);
    }
    router.route("/health/*").handler(AdminServer::knownProbe);
    get(router, "/health/*", HealthCheckHandler
      .createWithHealthChecks(Probes.of(vertx, node.members(), notReady))
      .resultMapper(result -> Probes.withNode(result, node.members(), notReady)));
    get(router, "/stats", context -> stats(context.request()));
    get(router, "/metrics", PrometheusScrapingHandler.create(node.registry()));
    router.post("/broadcast").handler(context -> broadcast(context.request()));
    router.route("/broadcast").handler(context -> methodNotAllowed(context.request(), "POST"));
    router.route("/faults").method(HttpMethod.GET).method(HttpMethod.HEAD).method(HttpMethod.PUT)
      .handler(context -> faults(context.request()));
    router.route("/faults").handler(context -> methodNotAllowed(context.request(), "GET, PUT"));
    router.route().handler(context -> error(context.request(), 404, "not found"));
    // a path that cannot be decoded (say "/%zz") fails the routing itself: answered, not logged
    router.errorHandler(400, context -> error(context.request(), 400, "malformed request path"));
    router.errorHandler(500, context -> failed(context.request(), context.failure()));
    return router;
  }

  /** {@code GET} and {@code HEAD} (the same answer without its body) to {@code handler}; other methods 405. */
  private static void get(Router router, String path, Handler<RoutingContext> handler) {
    router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(AdminServer::oneJsonType)
      .handler(handler);
    router.route(path).handler(context -> methodNotAllowed(context.request(), "GET"));
  }

  /** The health handler says {@code application/json;charset=UTF-8}; every JSON answer here says {@code application/json}. */
  private static void oneJsonType(RoutingContext context) {
    context.addHeadersEndHandler(v -> {
      String type = context.response().headers().get(HttpHeaders.CONTENT_TYPE);
      if (type != null && type.startsWith(JSON)) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON);
      }
    });
    context.next();
  }

  private static void knownProbe(RoutingContext context) {
    if (PROBES.contains(context.normalizedPath())) {
      context.next();
    } else {
      error(context.request(), 404, "not found");
    }
  }

  /** 421 for a {@code Host} that is not loopback while bound to loopback: see {@link LoopbackHost}. */
  private static void loopbackHostOnly(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (request.headers().getAll(HttpHeaders.HOST).stream().allMatch(LoopbackHost::allowed)) {
      context.next();
      return;
    }
    discardBody(request);
    error(request, 421, "misdirected request: on loopback, the Host must be localhost, 127.0.0.1 or [::1]");
  }

  /**
   * A request Netty could not parse: input that is not HTTP (400), a request line over
   * {@value #MAX_REQUEST_LINE_BYTES} bytes (414), headers over {@value #MAX_HEADER_BYTES} bytes (431).
   * One log line, a short JSON answer, then the connection is closed: what follows such input cannot
   * be trusted to be requests.
   */
  private static void malformed(HttpServerRequest request) {
    Throwable cause = MalformedRequest.cause(request);
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
      problem, Peer.of(request.remoteAddress(), UNKNOWN_PEER), clientText(cause), status);
    HttpConnection connection = request.connection();
    // once the answer is written, Vert.x fails the connection with this same cause, which closes it
    MalformedRequest.loggedOnce(request, cause, err -> connectionFailed(connection, err));
    json(request, status, new JsonObject().put("error", problem)).onComplete(answered -> connection.close());
  }

  /** A connection that failed outside any request (a reset, a broken chunked body): one line, Vert.x closes it. */
  private static void connectionFailed(HttpConnection connection, Throwable err) {
    LOG.warn("admin: connection error {}: {}", Peer.of(connection.remoteAddress(), UNKNOWN_PEER), clientText(err));
  }

  /** A failure's message as one escaped, bounded line: parse errors quote the client's bytes. */
  private static String clientText(Throwable failure) {
    return failure == null ? "no reason given" : LogText.escape(Buffer.buffer(OneLine.of(failure)), MAX_LOGGED_CHARS);
  }

  private void stats(HttpServerRequest request) {
    node.clusterStats().gather().onComplete(result -> answer(request, result));
  }

  /**
   * 403 without a configured token, 401 without the right one (checked before any of the body is
   * read), 413 over {@value #MAX_BROADCAST_BYTES} bytes, 400 for an empty body, 429 over
   * {@code broadcast.ratePerSecond}; else the cluster-wide counts.
   */
  private void broadcast(HttpServerRequest request) {
    if (!authorized(request, "broadcast")) {
      return;
    }
    readBody(request, body -> {
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

  /**
   * The main port's fault profile: {@code GET} shows it, {@code PUT} replaces it for new connections.
   * The token rules of {@code /broadcast}; a bad profile is 400 with the one-line reason.
   */
  private void faults(HttpServerRequest request) {
    if (!authorized(request, "the faults API")) {
      return;
    }
    if (request.method() != HttpMethod.PUT) {
      json(request, 200, node.faults().current());
      return;
    }
    readBody(request, body -> {
      try {
        json(request, 200, node.faults().replace(body));
      } catch (FaultsApi.BadProfile e) {
        error(request, 400, e.getMessage());
      }
    });
  }

  /** 403 without a configured token, 401 without the right one; the body, if any, is dropped unread. */
  private boolean authorized(HttpServerRequest request, String what) {
    if (!token.configured()) {
      discardBody(request);
      error(request, 403, what + " is off: no admin.token is configured");
      return false;
    }
    if (!token.matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      discardBody(request);
      request.response().putHeader("WWW-Authenticate", "Bearer");
      error(request, 401, "missing or wrong bearer token");
      return false;
    }
    return true;
  }

  /** The request body, up to {@value #MAX_BROADCAST_BYTES} bytes; above it 413, never buffered. */
  private void readBody(HttpServerRequest request, Handler<Buffer> whole) {
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
      if (!request.response().ended()) {
        whole.handle(body);
      }
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

  /** One line, the path escaped like any client data (it is the client's bytes). */
  private static void failed(HttpServerRequest request, Throwable cause) {
    LOG.warn("admin {} {} failed: {}", request.method(), LogText.escape(Buffer.buffer(String.valueOf(request.path())),
      MAX_LOGGED_CHARS), cause == null ? "no reason given" : OneLine.of(cause));
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
}
