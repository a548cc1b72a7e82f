package io.netecho.launcher;

import ch.qos.logback.classic.LoggerContext;
import io.netecho.log.OneLine;
import io.netecho.config.StartupException;
import io.netecho.node.Node;
import io.netecho.cluster.ClusterSecurity;
import io.netecho.cluster.ClusterView;
import io.netecho.cluster.HazelcastSetup;
import io.netecho.cluster.NetEchoClusterManager;
import io.netecho.config.ConfigLoader;
import io.netecho.config.ConfigSources;
import io.netecho.config.NetEchoConfig;
import io.netecho.stats.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

/**
 * What both launchers add around Vert.x's own: a strict {@code -conf}, Vert.x metrics for
 * {@code GET /metrics}, Hazelcast configured from our settings for {@code -cluster}, and every
 * failure to start reported as one line with the Vert.x launcher's exit code.
 */
final class Startup {

  /** Vert.x launcher exit codes: Vert.x (or the cluster) did not start; the verticle did not deploy. */
  static final int VERTX_INITIALIZATION = 11;
  static final int VERTX_DEPLOYMENT = 15;

  private final LaunchArguments args;
  /** The {@code -conf} layer, as given. */
  private JsonObject conf;
  /** Every layer over the defaults, validated: read once, before anything deploys. */
  private NetEchoConfig resolved;
  /** The same, as the JSON of every key: the echo instances' deployment config. */
  private JsonObject resolvedJson;
  private NetEchoClusterManager clusterManager;
  private Metrics metrics;

  Startup(String[] args) {
    this.args = LaunchArguments.scan(args);
  }

  /**
   * The {@code -conf} layer. Clustered, the {@code cluster.*} keys are needed before Vert.x exists,
   * so the layers are resolved here already, on a short-lived Vert.x; otherwise once Vert.x runs
   * ({@link #vertxStarted}). Either way the verticles get the resolved configuration
   * ({@link #deploymentConfig}) and only validate it.
   */
  JsonObject conf(JsonObject parsedByLauncher) {
    try {
      conf = ConfArgument.read(args.conf());
      if (conf == null) {
        conf = parsedByLauncher != null ? parsedByLauncher : new JsonObject();
      }
      if (args.clustered()) {
        resolve(readBeforeVertx(conf));
      }
      return conf;
    } catch (RuntimeException e) {
      throw exit(VERTX_DEPLOYMENT, e);
    }
  }

  /** The configuration every echo instance is deployed with: all layers, resolved. */
  JsonObject deploymentConfig() {
    return resolvedJson.copy();
  }

  private void resolve(JsonObject json) {
    resolvedJson = json;
    NetEchoConfig config = NetEchoConfig.fromJson(json);
    resolved = config;
    // before Hazelcast, Vert.x and the verticles log their first lines
    config.log().format().apply();
  }

  /**
   * Turns on Vert.x's metrics (they must be in the options before Vert.x starts), prefers the native
   * transport unless {@code -options} say otherwise, and attaches
   * Hazelcast, bound to {@code -cluster-host} or else {@code cluster.host}, when clustered.
   */
  VertxBuilder builder(VertxOptions options) {
    if (!args.transportChosen()) {
      // epoll (io_uring is opt-in): less work per connection and less memory per idle one than NIO
      options.setPreferNativeTransport(true);
    }
    metrics = Metrics.enable(options);
    VertxBuilder builder = Vertx.builder().with(options).withMetrics(metrics.factory());
    if (!args.clustered()) {
      return builder;
    }
    String host = args.clusterHost() != null ? args.clusterHost() : resolved.cluster().host();
    // The clustered event bus would otherwise pick a non-loopback interface on its own.
    options.getEventBusOptions().setHost(host);
    try {
      ClusterSecurity.apply(resolved.cluster().tls(), host, options.getEventBusOptions());
      clusterManager = HazelcastSetup.clusterManager(resolved.cluster(), host);
      return builder.withClusterManager(clusterManager);
    } catch (RuntimeException e) {
      throw exit(VERTX_INITIALIZATION, e);
    }
  }

  /**
   * Reads the layers when not clustered (on the launcher's thread, before anything deploys), hands
   * the node its metrics registry and cluster, and logs the join.
   */
  void vertxStarted(Vertx vertx) {
    if (resolved == null) {
      try {
        resolve(ConfigLoader.loadJson(vertx, ConfigSources.of(conf)).await());
      } catch (RuntimeException e) {
        throw exit(VERTX_DEPLOYMENT, e);
      }
    }
    Node.prepare(vertx, metrics == null ? null : metrics.registry(), clusterManager);
    ShutdownSignals.reportNotReadyFirst(vertx);
    if (clusterManager != null) {
      ClusterView.watch(clusterManager, resolved.cluster().name());
    }
  }

  /**
   * Vert.x has closed, every connection drained: now the log may stop. Its console output is
   * asynchronous, so stopping the logging context is what writes the last lines out before exit.
   */
  void vertxStopped() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
      logging.stop();
    }
  }

  void vertxFailed(Throwable cause) {
    throw exit(VERTX_INITIALIZATION, cause == null
      ? new StartupException("Vert.x did not start in time") : clusterFailure(cause));
  }

  void deployFailed(Throwable cause) {
    throw exit(VERTX_DEPLOYMENT, cause == null ? new StartupException("the verticle did not start in time") : cause);
  }

  private Throwable clusterFailure(Throwable cause) {
    return args.clustered() ? new StartupException("cluster join failed: " + OneLine.of(cause)) : cause;
  }

  private static JsonObject readBeforeVertx(JsonObject conf) {
    Vertx vertx = Vertx.vertx();
    try {
      return ConfigLoader.loadJson(vertx, ConfigSources.of(conf)).await();
    } finally {
      vertx.close();
    }
  }

  /**
   * Prints the reason and ends the process. Exiting inside the launcher's hook is what keeps the
   * launcher from logging the same failure again with a stack trace. On an event loop (the CLI
   * launcher calls its deploy hook there) the exit runs on its own thread: the shutdown hooks
   * that exit waits for need that event loop to close Vert.x.
   */
  static RuntimeException exit(int code, Throwable reason) {
    System.err.println("net-echo: cannot start: " + OneLine.of(reason));
    System.err.flush();
    if (Context.isOnVertxThread()) {
      new Thread(() -> System.exit(code), "net-echo-exit").start();
      return new StartupException(OneLine.of(reason));
    }
    System.exit(code);
    return new IllegalStateException("unreachable");
  }
}
