package io.netecho;

import io.netecho.config.NetEchoConfig;
import io.netecho.limit.ConnectionLimit;
import io.netecho.limit.ConnectionsPerIp;
import io.netecho.node.Node;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the instances of one echo deployment share: the configuration, read once for all of them,
 * the connection limits, and the count that makes exactly one of them print the
 * "listening" line. Kept by the {@link Node} under the deployment's id.
 */
final class EchoDeployment {

  private final AtomicReference<Future<NetEchoConfig>> config = new AtomicReference<>();
  private final AtomicInteger listening = new AtomicInteger();
  private final AtomicReference<ConnectionLimit> limit = new AtomicReference<>();

  /**
   * The first caller starts the one read (none when the launcher read it already); every caller gets
   * its result. The node's fault profile starts as the configuration's, once per deployment.
   */
  synchronized Future<NetEchoConfig> config(Node node, JsonObject deploymentConfig) {
    if (config.get() == null) {
      config.set(node.config(deploymentConfig).onSuccess(read -> node.faults().replace(read.faults())));
    }
    return config.get();
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
