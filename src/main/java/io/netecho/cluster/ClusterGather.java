package io.netecho.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One question put to every member over the event bus, each at its own address
 * ({@code netecho.node.<id>.<service>}), each answer awaited at most a timeout. A member that does
 * not answer in time (frozen, dead, not yet dropped by Hazelcast) is reported missing, so a gather
 * never hangs and never blocks an event loop. This node answers itself without the bus.
 */
public final class ClusterGather {

  /** How long a member gets to answer; a member that takes longer is missing. */
  public static final long TIMEOUT_MS = 1_000;

  private ClusterGather() {
  }

  /** What came back: answers by node id, in member order, and the ids that did not answer. */
  public record Answers(Map<String, JsonObject> byNode, List<String> missing) {

    public JsonArray missingJson() {
      return new JsonArray(new ArrayList<>(missing));
    }
  }

  /** The address at which the node {@code nodeId} answers {@code service}. */
  public static String address(String service, String nodeId) {
    return "netecho.node." + nodeId + "." + service;
  }

  public static Future<Answers> ask(Vertx vertx, Members members, String service, Object body,
                                    Supplier<Future<JsonObject>> self) {
    List<String> nodes = members.all();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    List<Future<JsonObject>> asks = new ArrayList<>();
    for (String node : nodes) {
      asks.add(node.equals(members.self())
        ? local(self)
        : vertx.eventBus().<JsonObject>request(address(service, node), body, options).map(Message::body));
    }
    return Future.join(asks).transform(ignored -> {
      Map<String, JsonObject> answers = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        Future<JsonObject> ask = asks.get(i);
        if (ask.succeeded() && ask.result() != null) {
          answers.put(nodes.get(i), ask.result());
        } else {
          missing.add(nodes.get(i));
        }
      }
      return Future.succeededFuture(new Answers(answers, missing));
    });
  }

  private static Future<JsonObject> local(Supplier<Future<JsonObject>> self) {
    try {
      return self.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
