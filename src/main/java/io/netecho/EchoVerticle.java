package io.netecho;

import io.netecho.config.NetEchoConfig;
import io.netecho.config.StartupException;
import io.netecho.http.HttpEcho;
import io.netecho.log.OneLine;
import io.netecho.net.NodeSocket;
import io.netecho.node.Node;
import io.netecho.proxy.ProxyProtocol;
import io.netecho.tls.TlsServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Node's {@code net.createServer(cb).listen(port)} as a verticle: it only builds the server and
 * listens; each client is served by an {@link EchoConnection}. Deployed with N instances, every
 * instance listens on the same port, so Vert.x spreads connections over N event loops. Once all
 * of them listen, the process's {@link Node} starts what exists once (admin, UDP, cluster services).
 */
public class EchoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EchoVerticle.class);

  private final HttpEcho http = new HttpEcho();
  private NetServer server;
  private long graceSeconds;

  @Override
  public Future<?> start() {
    Node node = Node.of(vertx);
    EchoDeployment deployment = node.shared(deploymentID(), EchoDeployment::new);
    return onThisContext(deployment.config(node, config()))
      .compose(config -> listen(node, deployment, config));
  }

  @Override
  public Future<?> stop() {
    Node.of(vertx).forget(deploymentID());
    // shutdown (not close) lets connections finish within the grace period, as SIGTERM promises.
    Future<Void> echo = server == null ? Future.succeededFuture() : server.shutdown(graceSeconds, TimeUnit.SECONDS);
    return Future.all(echo, http.shutdown());
  }

  private Future<Void> listen(Node node, EchoDeployment deployment, NetEchoConfig config) {
    graceSeconds = config.shutdownGraceSeconds();
    EchoInstance echo = EchoInstance.of(vertx, config, deployment.limit(config.maxConnections()), node.events());
    NetServerOptions options = new NetServerOptions()
      .setHost(config.host())
      // Node's socket.setTimeout, answered by closing; it also bounds half-open connections
      .setIdleTimeout(config.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
    ProxyProtocol.apply(options, config);
    return TlsServer.load(vertx, config.tls()).compose(tls -> {
      server = tls.createServer(vertx, options, socket -> {
        if (echo.limit().admit(socket, echo.events())) {
          new EchoConnection(NodeSocket.of(socket), echo).start();
        }
      });
      return http.listen(vertx, config, node.httpStats())
        .compose(v -> server.listen(sharedPort(config.port()), config.host())
          .recover(err -> Future.failedFuture(new StartupException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + OneLine.of(err)))))
        // after the echo port listens, so /health answering means the echo is up
        .compose(listening -> node.start(config, tls, tlsServers()))
        .compose(v -> announce(deployment, echo));
    });
  }

  /** The last instance to listen warms the echo path up, then says the process listens. */
  private Future<Void> announce(EchoDeployment deployment, EchoInstance echo) {
    if (!deployment.lastToListen(context.getInstanceCount())) {
      return Future.succeededFuture();
    }
    return Warmup.run(vertx, echo).onComplete(v -> {
      http.announce();
      LOG.info("listening on port {}", server.actualPort());
    });
  }

  /** This instance's listeners that serve the TLS files, for the node's certificate reloads. */
  private List<Function<ServerSSLOptions, Future<Boolean>>> tlsServers() {
    List<Function<ServerSSLOptions, Future<Boolean>>> servers = new ArrayList<>();
    servers.add(server::updateSSLOptions);
    servers.addAll(http.tlsServers());
    return servers;
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
