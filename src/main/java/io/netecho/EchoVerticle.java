package io.netecho;

import io.netecho.config.Listener;
import io.netecho.config.NetEchoConfig;
import io.netecho.config.StartupException;
import io.netecho.net.NodeSocket;
import io.netecho.net.SharedPort;
import io.netecho.http.HttpEcho;
import io.netecho.node.Node;
import io.netecho.proxy.ProxyProtocol;
import io.netecho.tls.TlsServer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
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
 * Each instance also listens on the extra ports of {@code listeners}, the same echo dealing faults of
 * their own.
 */
public class EchoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EchoVerticle.class);

  private final HttpEcho http = new HttpEcho();
  /** The echo port, then the ports of {@code listeners} in config order. */
  private final List<NetServer> servers = new ArrayList<>();
  private long graceSeconds;

  @Override
  public Future<?> start() {
    Node node = Node.of(vertx);
    EchoDeployment deployment = node.shared(deploymentID(), EchoDeployment::new);
    return listen(node, deployment, deployment.config(node, config()));
  }

  @Override
  public Future<?> stop() {
    Node.of(vertx).forget(deploymentID());
    // shutdown (not close) lets connections finish within the grace period, as SIGTERM promises.
    List<Future<Void>> stopped = new ArrayList<>();
    servers.forEach(server -> stopped.add(server.shutdown(graceSeconds, TimeUnit.SECONDS)));
    stopped.add(http.shutdown());
    return Future.all(stopped);
  }

  private Future<Void> listen(Node node, EchoDeployment deployment, NetEchoConfig config) {
    graceSeconds = config.shutdownGraceSeconds();
    EchoInstance echo = EchoInstance.of(vertx, config, deployment.limit(config.maxConnections(), config.maxConnectionsPerIp()), node.events(),
      node.faults());
    NetServerOptions options = new NetServerOptions()
      .setHost(config.host())
      // Node's socket.setTimeout, answered by closing; it also bounds half-open connections
      .setIdleTimeout(config.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      // other processes on this host may listen on the same port (the kernel spreads connections)
      .setReusePort(config.reusePort());
    ProxyProtocol.apply(options, config);
    return TlsServer.load(vertx, config.tls()).compose(tls ->
      http.listen(vertx, config, tls, node.httpStats(), node.clusterId(), node.faults())
        .compose(v -> listen(tls, options, config.host(), config.port(), SharedPort.ECHO.of(context, config.port()), echo))
        .compose(v -> listenExtra(config, tls, options, echo))
        // after the echo ports listen, so /health answering means the echo is up
        .compose(v -> node.start(config, tls, tlsServers()))
        .compose(v -> announce(deployment, echo, config)));
  }

  /** The ports of {@code listeners}: the same echo, each port with its own fixed fault profile. */
  private Future<Void> listenExtra(NetEchoConfig config, TlsServer tls, NetServerOptions options, EchoInstance echo) {
    Future<Void> all = Future.succeededFuture();
    for (int i = 0; i < config.listeners().size(); i++) {
      Listener listener = config.listeners().get(i);
      EchoInstance faulty = echo.withFaults(echo.faults().with(listener.faults()));
      int port = SharedPort.listener(context, i, listener.port());
      all = all.compose(v -> listen(tls, options, config.host(), listener.port(), port, faulty));
    }
    return all;
  }

  /** One echo port: Node's {@code net.createServer(cb).listen(port)}, served by {@code echo}. */
  private Future<Void> listen(TlsServer tls, NetServerOptions options, String host, int configured, int port,
                              EchoInstance echo) {
    NetServer server = tls.createServer(vertx, options, socket -> accept(socket, echo));
    servers.add(server);
    return server.listen(port, host).<NetServer>recover(StartupException.cannotListen("", host, configured)).mapEmpty();
  }

  private static void accept(NetSocket socket, EchoInstance echo) {
    if (echo.limit().admit(socket, echo.events())) {
      new EchoConnection(NodeSocket.of(socket), echo).start();
    }
  }

  /** The last instance to listen warms the echo path up, then says the process listens. */
  private Future<Void> announce(EchoDeployment deployment, EchoInstance echo, NetEchoConfig config) {
    if (!deployment.lastToListen(context.getInstanceCount())) {
      return Future.succeededFuture();
    }
    return Warmup.run(vertx, echo).onComplete(v -> {
      http.announce();
      LOG.info("listening on port {}", servers.get(0).actualPort());
      for (int i = 1; i < servers.size(); i++) {
        LOG.info("also serving port {} with faults: {}", servers.get(i).actualPort(),
          config.listeners().get(i - 1).faults().describe());
      }
    });
  }

  /** This instance's listeners that serve the TLS files, for the node's certificate reloads. */
  private List<Function<ServerSSLOptions, Future<Boolean>>> tlsServers() {
    List<Function<ServerSSLOptions, Future<Boolean>>> all = new ArrayList<>();
    servers.forEach(server -> all.add(server::updateSSLOptions));
    all.addAll(http.tlsServers());
    return all;
  }
}
