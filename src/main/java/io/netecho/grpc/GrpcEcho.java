package io.netecho.grpc;

import io.netecho.config.NetEchoConfig;
import io.netecho.events.Peer;
import io.netecho.stats.HttpStats;
import io.netecho.log.LogText;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC echo on the HTTP echo's port: the HTTP echo hands it every request whose {@code content-type}
 * starts with {@code application/grpc} (gRPC over HTTP/2, and gRPC-Web, also over HTTP/1.1). A Vert.x
 * {@link GrpcServer} serves {@code netecho.v1.Echo} ({@link EchoService}), {@code grpc.health.v1.Health}
 * (every service SERVING) and {@code grpc.reflection.v1.ServerReflection}, so grpcurl lists and describes
 * the service without the .proto file. A message over {@code http.maxBodyBytes} ends its call
 * {@code RESOURCE_EXHAUSTED}; an unknown method is answered {@code UNIMPLEMENTED}.
 *
 * <p>Made once per HTTP echo instance, on its event loop, and only when {@code http.grpc} is on: the TCP
 * echo never loads these classes.
 */
public final class GrpcEcho {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcEcho.class);

  private GrpcEcho() {
  }

  /** The handler of the HTTP echo's gRPC requests: one log line and one count each, then the call. */
  public static Handler<HttpServerRequest> create(Vertx vertx, NetEchoConfig config, HttpStats stats) {
    GrpcServer server = GrpcServer.server(vertx,
      new GrpcServerOptions().setMaxMessageSize(EchoService.maxMessageBytes(config.http())));
    server.addService(EchoService.create(vertx, config.http()));
    server.addService(HealthService.create(vertx));
    server.addService(ReflectionService.v1());
    int maxChars = config.log().maxDataChars();
    return request -> {
      stats.grpcCall();
      LOG.info("grpc {} from {}", LogText.escape(Buffer.buffer(request.path()), maxChars), Peer.of(request.remoteAddress()));
      server.handle(request);
    };
  }
}
