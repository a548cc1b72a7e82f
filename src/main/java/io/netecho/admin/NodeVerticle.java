package io.netecho.admin;

import io.netecho.config.NetEchoConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/**
 * What a node runs once, whatever its number of echo instances: the event-bus consumers that answer
 * other nodes (statistics, broadcast) and, unless {@code admin.enabled=false}, the admin endpoint.
 * It is deployed once the echo server listens, so an answering {@code /health} means a listening node.
 */
final class NodeVerticle extends VerticleBase {

  private final NodeServices node;
  private final NetEchoConfig config;
  private AdminServer admin;
  private HttpServer server;

  NodeVerticle(NodeServices node, NetEchoConfig config) {
    this.node = node;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Future<Void> consumers = Future.all(
      node.clusterStats().register(vertx.eventBus()),
      node.broadcasts().register(vertx.eventBus(), config.broadcastRatePerSecond())).mapEmpty();
    if (!config.admin().enabled()) {
      return consumers;
    }
    admin = new AdminServer(node, config.admin());
    return consumers.compose(v -> admin.listen(vertx)).onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    node.stopped();
    if (admin != null) {
      admin.stopping();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
