package io.netecho.admin;

import io.netecho.build.Version;
import io.netecho.cluster.Members;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.util.function.BooleanSupplier;

/**
 * The node's health as vertx-health-check procedures, one tree whose branches are the probes:
 * <ul>
 *   <li>{@code live/serving}: the process serves (an answer at all is the proof);</li>
 *   <li>{@code ready/echo}: the echo port listens (the admin endpoint starts only once it does) and no
 *   stop was requested;</li>
 *   <li>{@code ready/cluster}: alone, or a member of the cluster.</li>
 * </ul>
 * {@code GET /health/live} and {@code /health/ready} answer one branch, {@code GET /health} the whole
 * tree; each answer also carries the node's identity and version ({@link #withNode}).
 */
final class Probes {

  static final String STOPPING = "stopping";
  static final String NOT_JOINED = "not a member of the cluster";

  private Probes() {
  }

  static HealthChecks of(Vertx vertx, Members members, BooleanSupplier stopping) {
    return HealthChecks.create(vertx)
      .register("live/serving", promise -> promise.complete(Status.OK()))
      .register("ready/echo", promise -> promise.complete(
        stopping.getAsBoolean() ? Status.KO(reason(STOPPING)) : Status.OK()))
      .register("ready/cluster", promise -> promise.complete(
        members.joined() ? Status.OK() : Status.KO(reason(NOT_JOINED))));
  }

  /**
   * What {@code HealthCheckHandler} writes, with the fields {@code /health} has always had beside the
   * checks: {@code node}, {@code clustered} and, clustered, {@code joined} and {@code members}; the
   * {@code version}; and, when down, one {@code reason} (a stop outranks the cluster).
   */
  static Future<CheckResult> withNode(CheckResult result, Members members, BooleanSupplier stopping) {
    JsonObject node = new JsonObject()
      .put("node", members.self())
      .put("clustered", members.clustered())
      .put("version", Version.current());
    boolean joined = members.joined();
    if (members.clustered()) {
      node.put("joined", joined).put("members", members.all().size());
    }
    if (!CheckResult.isUp(result)) {
      node.put("reason", stopping.getAsBoolean() ? STOPPING : !joined ? NOT_JOINED : "a check failed");
    }
    return Future.succeededFuture(new NodeResult(result, node));
  }

  private static JsonObject reason(String reason) {
    return new JsonObject().put("reason", reason);
  }

  /** A check result whose JSON carries the node's fields too; the status code still follows the checks. */
  private static final class NodeResult extends CheckResult {

    private final JsonObject node;

    NodeResult(CheckResult result, JsonObject node) {
      setId(result.getId());
      setStatus(result.getStatus());
      setFailure(result.getFailure());
      setChecks(result.getChecks());
      this.node = node;
    }

    @Override
    public JsonObject toJson() {
      return super.toJson().mergeIn(node);
    }
  }
}
