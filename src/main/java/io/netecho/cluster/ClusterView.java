package io.netecho.cluster;

import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs this node's view of the cluster: the join, then every member that comes or goes. It listens
 * beside Vert.x's own node listener ({@link NetEchoClusterManager#addNodeListener}), never in its
 * place: under {@code -ha} Vert.x's HA manager needs the same events to redeploy a lost member's verticles.
 */
public final class ClusterView implements NodeListener {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);

  private final ClusterManager manager;

  private ClusterView(ClusterManager manager) {
    this.manager = manager;
  }

  public static void watch(NetEchoClusterManager manager, String clusterName) {
    LOG.info("joined cluster '{}' as node {}; {} member(s)", clusterName, manager.getNodeId(), manager.getNodes().size());
    manager.addNodeListener(new ClusterView(manager));
  }

  @Override
  public void nodeAdded(String nodeId) {
    LOG.info("cluster member joined: {}; {} member(s)", nodeId, manager.getNodes().size());
  }

  @Override
  public void nodeLeft(String nodeId) {
    LOG.info("cluster member left: {}; {} member(s)", nodeId, manager.getNodes().size());
  }
}
