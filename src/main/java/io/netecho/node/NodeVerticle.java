package io.netecho.node;

import io.netecho.admin.AdminServer;
import io.netecho.admin.FaultsApi;
import io.netecho.admin.NodeView;
import io.netecho.config.NetEchoConfig;
import io.netecho.tls.BadCertificates;
import io.netecho.tls.TlsServer;
import io.netecho.udp.UdpEcho;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;

import java.util.List;
import java.util.function.Function;

/**
 * What a node runs once, whatever its number of echo instances: the event-bus consumers that answer
 * other nodes (statistics, broadcast), the UDP echo when {@code udp.enabled}, the bad-certificate
 * ports when {@code tls.badCertificates}, the certificate reloads when TLS is on, and, unless
 * {@code admin.enabled=false}, the admin endpoint. It is
 * deployed once the echo server listens, so an answering {@code /health} means a listening node;
 * stopping it closes them all.
 */
final class NodeVerticle extends VerticleBase {

  private final Node node;
  private final NetEchoConfig config;
  private final TlsServer tls;
  private final List<Function<ServerSSLOptions, Future<Boolean>>> tlsServers;
  private AdminServer admin;
  private HttpServer adminServer;
  private UdpEcho udp;
  private BadCertificates badCertificates;

  NodeVerticle(Node node, NetEchoConfig config, TlsServer tls,
               List<Function<ServerSSLOptions, Future<Boolean>>> tlsServers) {
    this.node = node;
    this.config = config;
    this.tls = tls;
    this.tlsServers = tlsServers;
  }

  @Override
  public Future<?> start() {
    // a periodic timer of this verticle: stopping it stops the checks
    tls.watchFiles(vertx, tlsServers, node.certificateExpiry()::served);
    node.readiness().delayDrainBy(config.shutdownDelaySeconds());
    return Future.all(
        node.clusterStats().register(vertx.eventBus()),
        node.broadcasts().register(vertx.eventBus(), config.broadcastRatePerSecond()))
      .compose(v -> startUdp())
      .compose(v -> BadCertificates.listen(vertx, config).onSuccess(ports -> badCertificates = ports))
      .compose(v -> startAdmin());
  }

  private Future<Void> startUdp() {
    if (!config.udp().enabled()) {
      return Future.succeededFuture();
    }
    return UdpEcho.listen(vertx, config, node.datagrams()).onSuccess(listening -> udp = listening).mapEmpty();
  }

  private Future<Void> startAdmin() {
    if (!config.admin().enabled()) {
      return Future.succeededFuture();
    }
    admin = new AdminServer(new NodeView(node.members(), node.registry(), node.clusterStats(), node.broadcasts(),
      node.readiness(), new FaultsApi(node.faults())), config);
    return admin.listen(vertx).onSuccess(listening -> adminServer = listening).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    node.stopped();
    if (admin != null) {
      admin.stopping();
    }
    return Future.all(
      adminServer == null ? Future.succeededFuture() : adminServer.close(),
      udp == null ? Future.succeededFuture() : udp.close(),
      badCertificates == null ? Future.succeededFuture() : badCertificates.close());
  }
}
