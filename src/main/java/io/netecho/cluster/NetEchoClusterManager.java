package io.netecho.cluster;

import com.hazelcast.config.Config;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Vert.x's Hazelcast cluster manager with room for more than one node listener. The cluster-manager
 * SPI holds a single {@link NodeListener}, and under {@code -ha} Vert.x's HA manager sets it to learn
 * which members leave (and to redeploy their verticles); a second {@link #nodeListener} call would
 * silently take those events away. Here the listener Vert.x sets keeps its place and gets every event
 * first, and {@link #addNodeListener} adds observers after it, each seeing the same member ids and
 * the same events (including those Vert.x replays after a split-brain merge).
 */
public final class NetEchoClusterManager extends HazelcastClusterManager {

  private final List<NodeListener> observers = new CopyOnWriteArrayList<>();
  private volatile NodeListener vertxListener;

  NetEchoClusterManager(Config config) {
    super(config);
    super.nodeListener(new FanOut());
  }

  /** Vert.x's listener (its HA manager's); it replaces only an earlier call of this method. */
  @Override
  public void nodeListener(NodeListener listener) {
    vertxListener = listener;
  }

  /** Adds a listener that gets every member event after Vert.x's own listener has. */
  public void addNodeListener(NodeListener listener) {
    observers.add(listener);
  }

  /** Called by the cluster manager, one event at a time: Vert.x's listener first, then the observers. */
  private final class FanOut implements NodeListener {

    @Override
    public void nodeAdded(String nodeId) {
      try {
        NodeListener first = vertxListener;
        if (first != null) {
          first.nodeAdded(nodeId);
        }
      } finally {
        observers.forEach(observer -> observer.nodeAdded(nodeId));
      }
    }

    @Override
    public void nodeLeft(String nodeId) {
      try {
        NodeListener first = vertxListener;
        if (first != null) {
          first.nodeLeft(nodeId);
        }
      } finally {
        observers.forEach(observer -> observer.nodeLeft(nodeId));
      }
    }
  }
}
