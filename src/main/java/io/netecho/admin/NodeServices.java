package io.netecho.admin;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netecho.Connection;
import io.netecho.ConnectionEvents;
import io.netecho.DatagramEvents;
import io.netecho.cluster.Broadcasts;
import io.netecho.cluster.ClusterStats;
import io.netecho.cluster.ConnectionEventPublisher;
import io.netecho.cluster.LocalClients;
import io.netecho.cluster.Members;
import io.netecho.config.NetEchoConfig;
import io.netecho.stats.CertificateExpiry;
import io.netecho.stats.NodeStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;

/**
 * One node's services, one per Vert.x instance whatever the number of echo instances: statistics,
 * metrics, connection events, broadcast, cluster-wide stats and the admin endpoint. The echo verticle
 * reports its connections to {@link #events}, the UDP echo its datagrams to {@link #datagrams}, and
 * the echo verticle calls {@link #start} once it listens; the launcher
 * first hands over what only it knows ({@link #prepare}).
 */
public final class NodeServices implements Shareable {

  private static final String MAP = "netecho.node";
  private static final String KEY = "services";

  private final Vertx vertx;
  private final Members members;
  private final PrometheusMeterRegistry registry;
  private final NodeStats stats = new NodeStats();
  private final LocalClients clients;
  private final ConnectionEventPublisher publisher;
  private final ClusterStats clusterStats;
  private final Broadcasts broadcasts;
  private final ConnectionEvents events = new Events();
  private final CertificateExpiry certificateExpiry;
  private Future<ConnectionEvents> started;

  private NodeServices(Vertx vertx, PrometheusMeterRegistry registry, ClusterManager clusterManager) {
    this.vertx = vertx;
    this.members = clusterManager != null ? Members.of(clusterManager) : Members.alone();
    this.registry = registry != null ? registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.clients = new LocalClients(vertx, stats);
    stats.broadcasts().queuedBytes(clients::queuedBytes);
    this.publisher = new ConnectionEventPublisher(vertx.eventBus(), members.self());
    this.clusterStats = new ClusterStats(vertx, members, stats);
    this.broadcasts = new Broadcasts(vertx, members, clients, stats.broadcasts());
    stats.bindTo(this.registry);
    this.certificateExpiry = new CertificateExpiry(this.registry);
  }

  /**
   * Called by the launchers once Vert.x runs, before the echo verticle deploys: the registry Vert.x
   * reports its own metrics to, and the cluster manager when clustered (either may be null). Without
   * it (a Vert.x built elsewhere, tests) the node has a registry of its own and is alone.
   */
  public static void prepare(Vertx vertx, PrometheusMeterRegistry registry, ClusterManager clusterManager) {
    map(vertx).computeIfAbsent(KEY, key -> new NodeServices(vertx, registry, clusterManager));
  }

  /** Where the echo connections of this Vert.x report; callable on any thread, cheap. */
  public static ConnectionEvents events(Vertx vertx) {
    return of(vertx).events;
  }

  /** Where the UDP echo of this Vert.x reports its datagrams; callable on any thread, cheap. */
  public static DatagramEvents datagrams(Vertx vertx) {
    return of(vertx).stats.datagrams();
  }

  /** Where the TLS server reports the expiry of the certificate it serves; callable on any thread. */
  public static CertificateExpiry certificateExpiry(Vertx vertx) {
    return of(vertx).certificateExpiry;
  }

  /**
   * Starts the node's services once, for every echo instance that asks; each gets the same future.
   * Fails, naming host and port, when the admin endpoint cannot listen.
   */
  public static Future<ConnectionEvents> start(Vertx vertx, NetEchoConfig config) {
    return of(vertx).startOnce(config);
  }

  private synchronized Future<ConnectionEvents> startOnce(NetEchoConfig config) {
    if (started == null) {
      Future<ConnectionEvents> starting = vertx.deployVerticle(new NodeVerticle(this, config)).map(id -> events);
      started = starting;
      starting.onFailure(err -> stopped());
    }
    return started;
  }

  /** The services stopped with their deployment; a later {@link #start} starts them anew. */
  synchronized void stopped() {
    started = null;
  }

  Members members() {
    return members;
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  ClusterStats clusterStats() {
    return clusterStats;
  }

  Broadcasts broadcasts() {
    return broadcasts;
  }

  private static NodeServices of(Vertx vertx) {
    return map(vertx).computeIfAbsent(KEY, key -> new NodeServices(vertx, null, null));
  }

  private static LocalMap<String, NodeServices> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }

  /** Every connection event to statistics, the broadcast list and the event bus, in that order. */
  private final class Events implements ConnectionEvents {

    @Override
    public void connected(Connection connection) {
      stats.connected(connection);
      clients.connected(connection);
      publisher.connected(connection);
    }

    @Override
    public void received(Connection connection, int bytes) {
      stats.received(connection, bytes);
    }

    @Override
    public void replied(Connection connection, int bytes) {
      stats.replied(connection, bytes);
    }

    @Override
    public void dropped(Connection connection, int replies) {
      stats.dropped(connection, replies);
    }

    @Override
    public void ended(Connection connection) {
      publisher.ended(connection);
    }

    @Override
    public void closed(Connection connection) {
      clients.closed(connection);
      stats.closed(connection);
      publisher.closed(connection);
    }

    @Override
    public void rejected(SocketAddress remote) {
      stats.rejected(remote);
    }
  }
}
