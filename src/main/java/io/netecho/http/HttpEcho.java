package io.netecho.http;

import io.netecho.log.OneLine;
import io.netecho.net.SharedPort;
import io.netecho.config.StartupException;
import io.netecho.events.Peer;
import io.netecho.faults.ChannelFaults;
import io.netecho.faults.FaultDealer;
import io.netecho.grpc.GrpcEcho;
import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.netecho.stats.HttpStats;
import io.netecho.tls.TlsHandshake;
import io.netecho.tls.TlsServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * Node's {@code http.createServer} beside the TCP echo, and the TCP info port: the bootstrap only.
 * Each echo instance runs one of each on its own event loop, all instances sharing the port as they
 * share the echo port. On the HTTP port: {@code /ws} upgrades to the WebSocket echo
 * ({@link WebSocketEcho}), {@code GET /info} answers {@link ClientInfo}, httpbin's test routes
 * answer as httpbin's ({@link Httpbin}), and any other request is echoed ({@link RequestEcho}).
 * HTTP/1.x and HTTP/2 (h2c by prior knowledge or {@code Upgrade}; over TLS, h2 by ALPN), at most
 * {@code http.maxConcurrentStreams} streams a connection; TLS with the echo's certificate when
 * {@code tls.enabled}. A request whose {@code content-type} starts with {@code application/grpc} goes to the
 * gRPC echo ({@link GrpcEcho}) unless {@code http.grpc} is off.
 */
public final class HttpEcho {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEcho.class);

  private HttpServer http;
  private NetServer info;
  private NetEchoConfig config;
  private HttpStats stats;
  private String node;
  private FaultDealer faults;
  private Router httpbin;
  private Handler<HttpServerRequest> grpc;
  private final List<Function<ServerSSLOptions, Future<Boolean>>> tlsServers = new ArrayList<>();

  /**
   * Listens as {@code http.enabled} and {@code info.enabled} say (neither: nothing), on the calling
   * instance's event loop, with the instance's TLS files (loaded once for all its ports), counting
   * into {@code stats}; {@code node} is this node's cluster id, or null. New HTTP connections are
   * dealt {@code faults} when its profile names the {@code http} port ({@code faults.ports}). Fails
   * with a {@link StartupException} naming the address that cannot be bound.
   */
  public Future<Void> listen(Vertx vertx, NetEchoConfig config, TlsServer tls, HttpStats stats, String node,
                             FaultDealer faults) {
    if (!config.http().enabled() && !config.info().enabled()) {
      return Future.succeededFuture();
    }
    this.config = config;
    this.stats = stats;
    this.node = node;
    this.faults = faults;
    Context context = vertx.getOrCreateContext();
    return listenHttp(vertx, context, tls).compose(v -> listenInfo(vertx, context, tls));
  }

  /** Stops accepting; open requests and WebSockets get {@code shutdownGraceSeconds} to finish. */
  public Future<Void> shutdown() {
    if (config == null) {
      return Future.succeededFuture();
    }
    long grace = config.shutdownGraceSeconds();
    return Future.all(
      http == null ? Future.succeededFuture() : http.shutdown(grace, TimeUnit.SECONDS),
      info == null ? Future.succeededFuture() : info.shutdown(grace, TimeUnit.SECONDS)).mapEmpty();
  }

  private Future<Void> listenHttp(Vertx vertx, Context context, TlsServer tls) {
    if (!config.http().enabled()) {
      return Future.succeededFuture();
    }
    NetEchoConfig.Http settings = config.http();
    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.httpHost())
      // h2c: prior knowledge and Upgrade; over TLS, h2 by ALPN (below)
      .setHttp2ClearTextEnabled(true)
      .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(settings.maxConcurrentStreams()))
      .setIdleTimeout(config.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      .setMaxWebSocketMessageSize(settings.maxWebSocketMessageBytes())
      .setMaxWebSocketFrameSize(settings.maxWebSocketMessageBytes())
      // compressed frames would make the limits above count inflated bytes only after inflating them
      .setPerMessageWebSocketCompressionSupported(false)
      .setPerFrameWebSocketCompressionSupported(false);
    boolean secure = tls.secure(options);
    if (secure) {
      options.setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }
    httpbin = Httpbin.router(vertx, settings, stats,
      routed -> RequestEcho.serve(vertx, routed.request(), settings, stats, Peer.of(routed.request().remoteAddress())));
    grpc = settings.grpc() ? GrpcEcho.create(vertx, config, stats) : null;
    http = vertx.createHttpServer(options)
      .exceptionHandler(secure ? tls::onHandshakeFailure
        : err -> LOG.info("http: a connection failed before it was served: {}", OneLine.of(err)))
      .connectionHandler(connection -> {
        connection.exceptionHandler(err -> connectionFailed(connection, err));
        // nothing in the pipeline unless this connection was dealt a fault
        ChannelFaults.addTo(vertx, connection, faults);
      })
      .invalidRequestHandler(this::malformed)
      .requestHandler(request -> handle(vertx, request));
    return http.listen(SharedPort.HTTP.of(context, settings.port()), config.httpHost())
      // a reloaded certificate keeps offering h2 and http/1.1
      .onSuccess(server -> tlsServers.add(ssl -> server.updateSSLOptions(new ServerSSLOptions(ssl).setUseAlpn(true)
        .setApplicationLayerProtocols(List.of(HttpVersion.HTTP_2.alpnName(), HttpVersion.HTTP_1_1.alpnName())))))
      .<HttpServer>recover(StartupException.cannotListen("http", config.httpHost(), settings.port()))
      .mapEmpty();
  }

  private Future<Void> listenInfo(Vertx vertx, Context context, TlsServer tls) {
    if (!config.info().enabled()) {
      return Future.succeededFuture();
    }
    int port = config.info().port();
    return InfoPort.listen(vertx, config, tls, SharedPort.INFO.of(context, port), node)
      .onSuccess(server -> {
        info = server;
        tlsServers.add(server::updateSSLOptions);
      })
      .<NetServer>recover(StartupException.cannotListen("info", config.host(), port))
      .mapEmpty();
  }

  private void handle(Vertx vertx, HttpServerRequest request) {
    if (grpc != null && isGrpc(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
      grpc.handle(request);
      return;
    }
    String peer = Peer.of(request.remoteAddress());
    if ("/ws".equals(request.path()) && request.canUpgradeToWebSocket()) {
      WebSocketEcho.accept(request, config, stats, peer);
      return;
    }
    LOG.info("http {} {} from {}", requestLine(request.method().name()), requestLine(request.uri()), peer);
    if ("/info".equals(request.path()) && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
      stats.request();
      Buffer answer = Buffer.buffer(ClientInfo.of(node, request.remoteAddress(), TlsHandshake.of(request)).encodePrettily())
        .appendString("\n");
      stats.sent(answer.length());
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(answer);
      return;
    }
    if ((config.http().cors() || Cors.asked(request.query())) && Cors.answer(request)) {
      stats.request();
      return;
    }
    if (Httpbin.serves(request.path())) {
      httpbin.handle(request);
      return;
    }
    RequestEcho.serve(vertx, request, config.http(), stats, peer);
  }

  /** gRPC, gRPC-Web, with protobuf or JSON: every media type that starts with {@code application/grpc}. */
  private static boolean isGrpc(String contentType) {
    return contentType != null && contentType.startsWith("application/grpc");
  }

  /** Not HTTP, or a request line or headers over Vert.x's limits: one line, then Vert.x answers 400/414/431 and closes. */
  private void malformed(HttpServerRequest request) {
    Throwable cause = MalformedRequest.cause(request);
    LOG.info("http: malformed request from {}: {}", Peer.of(request.remoteAddress()),
      cause == null ? "no reason given" : text(OneLine.of(cause)));
    MalformedRequest.loggedOnce(request, cause, err -> connectionFailed(request.connection(), err));
    HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
  }

  /** A connection that failed outside a request (a reset, say): one line, Vert.x closes it. */
  private void connectionFailed(HttpConnection connection, Throwable err) {
    LOG.info("http connection error {}: {}", Peer.of(connection.remoteAddress()), text(OneLine.of(err)));
  }

  /** Netty reads the request line as ISO-8859-1, one char per byte: the bytes as sent, escaped. */
  private String requestLine(String part) {
    return LogText.escape(Buffer.buffer(part.getBytes(StandardCharsets.ISO_8859_1)), config.log().maxDataChars());
  }

  private String text(String clientText) {
    return LogText.escape(Buffer.buffer(clientText), config.log().maxDataChars());
  }

  /** The "listening" lines of the HTTP echo and the info port, for the one instance that says the process listens. */
  public void announce() {
    if (http != null) {
      LOG.info("http echo listening on port {}", http.actualPort());
    }
    if (info != null) {
      LOG.info("info port listening on port {}", info.actualPort());
    }
  }

  /** The listeners that serve the TLS files, each as its {@code updateSSLOptions}, for certificate reloads. */
  public List<Function<ServerSSLOptions, Future<Boolean>>> tlsServers() {
    return tlsServers;
  }
}
