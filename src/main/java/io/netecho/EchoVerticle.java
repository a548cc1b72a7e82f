package io.netecho;

import io.netecho.admin.NodeServices;
import io.netecho.config.NetEchoConfig;
import io.netecho.tls.TlsServer;
import io.netecho.udp.UdpEcho;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Node's {@code net.createServer(cb).listen(port)} as a verticle: it only builds the server and
 * listens; each client is served by an {@link EchoConnection}. Deployed with N instances, every
 * instance listens on the same port, so Vert.x spreads connections over N event loops.
 */
public class EchoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EchoVerticle.class);

  private NetServer server;
  private long graceSeconds;

  @Override
  public Future<?> start() {
    SharedDeployment shared = SharedDeployment.of(vertx, deploymentID());
    return onThisContext(shared.config(vertx, config()))
      .compose(config -> UdpEcho.startOnce(vertx, deploymentID(), config).map(config))
      .compose(config -> listen(config, shared.connectionLimit(config.maxConnections(), config.maxConnectionsPerIp())))
      .onSuccess(port -> {
        if (shared.lastToListen(context.getInstanceCount())) {
          LOG.info("listening on port {}", port);
        }
      });
  }

  @Override
  public Future<?> stop() {
    SharedDeployment.forget(vertx, deploymentID());
    // shutdown (not close) lets connections finish within the grace period, as SIGTERM promises.
    return server == null ? Future.succeededFuture() : server.shutdown(graceSeconds, TimeUnit.SECONDS);
  }

  private Future<Integer> listen(NetEchoConfig config, ConnectionLimit limit) {
    graceSeconds = config.shutdownGraceSeconds();
    NetServerOptions options = new NetServerOptions()
      .setHost(config.host())
      // Node's socket.setTimeout, answered by closing; it also bounds half-open connections
      .setIdleTimeout(config.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
    return TlsServer.load(vertx, config.tls(), config.tlsCiphers()).compose(tls -> {
      server = tls.createServer(vertx, options,
        socket -> EchoConnection.serve(vertx, socket, config, limit, NodeServices.events(vertx)));
      return server.listen(sharedPort(config.port()), config.host())
        .onSuccess(listening -> tls.watchFiles(vertx, deploymentID(), server))
        .map(NetServer::actualPort)
        .recover(err -> Future.failedFuture(new StartupException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + OneLine.of(err))))
        // after the echo port listens, so /health answering means the echo is up
        .compose(port -> NodeServices.start(vertx, config).map(port));
    });
  }

  /** Port 0 would give every instance its own random port; a negative port is Vert.x's "one random port, shared". */
  private int sharedPort(int port) {
    return port == 0 && context.getInstanceCount() > 1 ? -1 : port;
  }

  /**
   * The configuration future completes on whichever instance loaded it; the server must be created
   * on this instance's own event loop, or every instance would serve from the first one's.
   */
  private <T> Future<T> onThisContext(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> context.runOnContext(v -> promise.handle(result)));
    return promise.future();
  }
}
