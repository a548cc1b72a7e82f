package io.netecho.cluster;

import io.netecho.stats.NodeStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;

/**
 * {@code GET /stats}: this node's statistics and, clustered, every node's, asked for over the event
 * bus with {@link ClusterGather}'s timeout, and their sum. No Hazelcast data structure is read per
 * request, so a frozen member costs one timeout, never a blocked event loop.
 */
public final class ClusterStats {

  static final String SERVICE = "stats";

  private final Vertx vertx;
  private final Members members;
  private final NodeStats stats;

  public ClusterStats(Vertx vertx, Members members, NodeStats stats) {
    this.vertx = vertx;
    this.members = members;
    this.stats = stats;
  }

  /**
   * {@code {"node": {...}}} and, clustered, {@code "cluster": {"members", "nodes": [...], "missing":
   * [ids], "total": {...}}}, where {@code members} is how many nodes this node counts.
   */
  public Future<JsonObject> gather() {
    JsonObject self = stats.snapshot(members.self());
    JsonObject answer = new JsonObject().put("node", self);
    if (!members.clustered()) {
      return Future.succeededFuture(answer);
    }
    return ClusterGather.ask(vertx, members, SERVICE, null, () -> Future.succeededFuture(self)).map(answers -> {
      JsonObject cluster = new JsonObject()
        .put("members", answers.byNode().size() + answers.missing().size())
        .put("nodes", new JsonArray(new ArrayList<>(answers.byNode().values())))
        .put("missing", answers.missingJson())
        .put("total", NodeStats.sum(answers.byNode().values()));
      return answer.put("cluster", cluster);
    });
  }

  /** Registers this node's answering consumer; completes when the cluster knows it. */
  public Future<Void> register(EventBus bus) {
    return bus.consumer(ClusterGather.address(SERVICE, members.self()),
      message -> message.reply(stats.snapshot(members.self()))).completion();
  }
}
