package io.netecho.cluster;

import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * This node's id and the cluster's members as this node sees them; a process started without
 * {@code -cluster} is a cluster of one, with an id of its own. Reading them never waits on another
 * member: Hazelcast's member list is local state, updated by its heartbeats.
 */
public final class Members {

  private final String self;
  private final Supplier<List<String>> nodes;
  private final BooleanSupplier active;

  Members(String self, Supplier<List<String>> nodes, BooleanSupplier active) {
    this.self = self;
    this.nodes = nodes;
    this.active = active;
  }

  /** A node on its own. */
  public static Members alone() {
    return new Members(UUID.randomUUID().toString(), null, () -> true);
  }

  /** A node of the cluster {@code manager} joined. */
  public static Members of(ClusterManager manager) {
    BooleanSupplier active = manager instanceof HazelcastClusterManager hazelcast ? hazelcast::isActive : () -> true;
    return new Members(manager.getNodeId(), manager::getNodes, active);
  }

  public String self() {
    return self;
  }

  public boolean clustered() {
    return nodes != null;
  }

  /** Every member this node counts, itself first. */
  public List<String> all() {
    List<String> all = new ArrayList<>();
    all.add(self);
    if (nodes != null) {
      try {
        nodes.get().stream().filter(id -> !id.equals(self)).forEach(all::add);
      } catch (RuntimeException notActive) {
        // Hazelcast is shutting down: this node is all it can vouch for
      }
    }
    return all;
  }

  /** True alone; clustered, while the cluster manager runs and lists this node. */
  public boolean joined() {
    if (nodes == null) {
      return true;
    }
    try {
      return active.getAsBoolean() && nodes.get().contains(self);
    } catch (RuntimeException notActive) {
      return false;
    }
  }
}
