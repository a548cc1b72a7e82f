package io.netecho;

import io.netecho.config.NetEchoConfig;
import io.netecho.limit.ConnectionLimit;
import io.netecho.limit.ConnectionsPerIp;
import io.netecho.node.Node;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the instances of one echo deployment share: the configuration, validated once for all of
 * them, the connection limits, and the count that makes exactly one of them print the
 * "listening" line. Kept by the {@link Node} under the deployment's id.
 */
final class EchoDeployment {

  private NetEchoConfig config;
  private final AtomicInteger listening = new AtomicInteger();
  private final AtomicReference<ConnectionLimit> limit = new AtomicReference<>();

  /**
   * The deployment's configuration: what the launcher resolved (the layers, read once before
   * anything deployed), or what a hand-made deployment put in its options, over the defaults. The
   * first instance validates it; the console's format and the node's fault profile start as its.
   * Fails with a {@link io.netecho.config.ConfigException} naming what is wrong.
   */
  synchronized NetEchoConfig config(Node node, JsonObject deploymentConfig) {
    if (config == null) {
      config = NetEchoConfig.fromJson(deploymentConfig);
      config.log().format().apply();
      node.faults().replace(config.faults());
    }
    return config;
  }

  /**
   * One {@code maxConnections} count, and one {@code maxConnectionsPerIp} count, for all instances;
   * a connection turned away is told of on the connections' logger, beside those served.
   */
  ConnectionLimit limit(int max, int maxPerIp) {
    return limit.updateAndGet(existing -> existing != null ? existing
      : new ConnectionLimit(max, new ConnectionsPerIp(maxPerIp), LoggerFactory.getLogger(EchoConnection.class)));
  }

  /** True for the instance whose listen completes the deployment. */
  boolean lastToListen(int instances) {
    return listening.incrementAndGet() == instances;
  }
}
