package io.netecho.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netecho.health.Readiness;
import io.netecho.cluster.Broadcasts;
import io.netecho.cluster.ClusterStats;
import io.netecho.cluster.ConnectionEventPublisher;
import io.netecho.cluster.LocalClients;
import io.netecho.cluster.Members;
import io.netecho.config.NetEchoConfig;
import io.netecho.events.Connection;
import io.netecho.events.ConnectionEvents;
import io.netecho.events.DatagramEvents;
import io.netecho.events.TrafficCounter;
import io.netecho.stats.HttpStats;
import io.netecho.faults.FaultDealer;
import io.netecho.faults.FaultProfile;
import io.netecho.stats.CertificateExpiry;
import io.netecho.stats.NodeStats;
import io.netecho.tls.TlsServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What exists once per process (one per Vert.x instance, whatever the number of echo instances):
 * statistics and metrics, the cluster's services, and, started by {@link NodeVerticle}, the admin
 * endpoint, the UDP echo and the certificate reloads. The echo reports its connections to
 * {@link #events()}; the launchers first hand over what only they know ({@link #prepare}).
 */
public final class Node implements Shareable {

  private static final String MAP = "netecho.node";

  private final Vertx vertx;
  private final Members members;
  private final PrometheusMeterRegistry registry;
  private final NodeStats stats = new NodeStats();
  private final LocalClients clients;
  private final ConnectionEventPublisher publisher;
  private final ClusterStats clusterStats;
  private final Broadcasts broadcasts;
  private final ConnectionEvents events = new Events();
  /**
   * The main echo port's fault profile (and the HTTP port's, when its {@code ports} name it): the
   * configuration's at start, then whatever {@code PUT /faults} sets.
   */
  private final FaultDealer faults = new FaultDealer(FaultProfile.NONE, stats.faults());
  private final ConcurrentMap<String, Object> shared = new ConcurrentHashMap<>();
  private final Readiness readiness = new Readiness();
  private final CertificateExpiry certificateExpiry;
  private Future<Void> started;

  private Node(Vertx vertx, PrometheusMeterRegistry registry, ClusterManager clusterManager) {
    this.vertx = vertx;
    this.members = clusterManager != null ? Members.of(clusterManager) : Members.alone();
    this.registry = registry != null ? registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.clients = new LocalClients(vertx, stats);
    stats.broadcasts().queuedBytes(clients::queuedBytes);
    // connection events go on the event bus for the other nodes; alone, nobody could hear them
    this.publisher = members.clustered() ? new ConnectionEventPublisher(vertx.eventBus(), members.self()) : null;
    this.clusterStats = new ClusterStats(vertx, members, stats);
    this.broadcasts = new Broadcasts(vertx, members, clients, stats.broadcasts());
    stats.bindTo(this.registry);
    this.certificateExpiry = new CertificateExpiry(this.registry);
  }

  /**
   * Called by the launchers once Vert.x runs, before anything deploys: the registry Vert.x reports
   * its own metrics to and the cluster manager when clustered (either may be null). Without it (a
   * Vert.x built elsewhere, tests) the node has a registry of its own and is alone.
   */
  public static void prepare(Vertx vertx, PrometheusMeterRegistry registry, ClusterManager clusterManager) {
    vertx.sharedData().<String, Node>getLocalMap(MAP)
      .computeIfAbsent(MAP, key -> new Node(vertx, registry, clusterManager));
  }

  /** This process's node; callable on any thread. */
  public static Node of(Vertx vertx) {
    return vertx.sharedData().<String, Node>getLocalMap(MAP)
      .computeIfAbsent(MAP, key -> new Node(vertx, null, null));
  }

  /** What the instances of one deployment share, created by the first that asks, until {@link #forget}. */
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> create) {
    return (T) shared.computeIfAbsent(key, k -> create.get());
  }

  public void forget(String key) {
    shared.remove(key);
  }

  /** Where the echo connections of this process report; cheap, callable on any thread. */
  public ConnectionEvents events() {
    return events;
  }

  /** Whether this node wants new clients ({@code /health/ready}); a stop turns it off first. */
  public Readiness readiness() {
    return readiness;
  }

  /** The main echo port's faults (and the HTTP port's, as {@code faults.ports} says), dealt to each new connection; changeable at run time from any thread. */
  public FaultDealer faults() {
    return faults;
  }

  /** The gauge of the served TLS certificate's expiry. */
  CertificateExpiry certificateExpiry() {
    return certificateExpiry;
  }

  /** This process's counters, as {@code /stats} shows them. */
  public NodeStats stats() {
    return stats;
  }

  /** This node's id in the cluster, null when it is not clustered. */
  public String clusterId() {
    return members.clustered() ? members.self() : null;
  }

  /** Where the HTTP and WebSocket echo count. */
  public HttpStats httpStats() {
    return stats.http();
  }

  /** Where the UDP echo reports its datagrams. */
  DatagramEvents datagrams() {
    return stats.datagrams();
  }

  /**
   * Starts the node's services once, however many echo instances ask, when the echo listens: each
   * gets the same future. {@code tlsServers} are the listeners (echo, HTTP, info) whose certificate
   * {@code tls} reloads. Fails, naming host and port, when the admin endpoint or the UDP echo cannot listen.
   */
  public synchronized Future<Void> start(NetEchoConfig config, TlsServer tls,
                                         List<Function<ServerSSLOptions, Future<Boolean>>> tlsServers) {
    if (started == null) {
      // Deployed from the echo instance's context, so it is a child of the echo deployment:
      // undeploying the echo stops the node's services too, and the ports are free again.
      Future<Void> starting = vertx.deployVerticle(new NodeVerticle(this, config, tls, tlsServers)).mapEmpty();
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

  /** Every connection event to statistics, the broadcast list and, clustered, the event bus. */
  private final class Events implements ConnectionEvents {

    @Override
    public TrafficCounter traffic() {
      return stats.traffic();
    }

    @Override
    public void connected(Connection connection) {
      stats.connected(connection);
      clients.connected(connection);
      if (publisher != null) {
        publisher.connected(connection);
      }
    }

    @Override
    public void dropped(Connection connection, int replies) {
      stats.dropped(connection, replies);
    }

    @Override
    public void ended(Connection connection) {
      if (publisher != null) {
        publisher.ended(connection);
      }
    }

    @Override
    public void closed(Connection connection) {
      clients.closed(connection);
      stats.closed(connection);
      if (publisher != null) {
        publisher.closed(connection);
      }
    }

    @Override
    public void rejected(SocketAddress remote) {
      stats.rejected(remote);
    }
  }
}
