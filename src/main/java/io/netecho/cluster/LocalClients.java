package io.netecho.cluster;

import io.netecho.events.Connection;
import io.netecho.events.ConnectionEvents;
import io.netecho.stats.NodeStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients connected to this node, each with the event loop that serves it, so that a broadcast
 * is handed to every client on that client's own event loop, in order with its echo replies.
 */
public final class LocalClients implements ConnectionEvents {

  /**
   * How long a broadcast waits for its writes before answering; a client whose write has not
   * completed by then (one that does not read, say) is counted as queued, not received.
   */
  static final long DEADLINE_MS = 500;

  private final Vertx vertx;
  private final NodeStats stats;
  private final ConcurrentMap<Connection, Context> live = new ConcurrentHashMap<>();

  public LocalClients(Vertx vertx, NodeStats stats) {
    this.vertx = vertx;
    this.stats = stats;
  }

  @Override
  public void connected(Connection connection) {
    Context loop = Vertx.currentContext();
    live.put(connection, loop != null ? loop : vertx.getOrCreateContext());
  }

  @Override
  public void closed(Connection connection) {
    live.remove(connection);
  }

  /**
   * Writes {@code message} to every client of this node. Answers {@code clients} (connected when it
   * started), {@code received} (written), {@code queued} (still being written at the deadline) and
   * {@code failed} (the connection could no longer write).
   */
  public Future<JsonObject> send(Buffer message) {
    Map<Context, List<Connection>> byLoop = new HashMap<>();
    live.forEach((connection, loop) -> byLoop.computeIfAbsent(loop, l -> new ArrayList<>()).add(connection));
    int clients = byLoop.values().stream().mapToInt(List::size).sum();
    AtomicInteger received = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    if (clients == 0) {
      return Future.succeededFuture(outcome(0, received, failed));
    }
    Promise<JsonObject> done = Promise.promise();
    long deadline = vertx.setTimer(DEADLINE_MS, t -> done.tryComplete(outcome(clients, received, failed)));
    byLoop.forEach((loop, connections) -> loop.runOnContext(v -> {
      for (Connection connection : connections) {
        write(connection, message).onComplete(written -> {
          if (written.succeeded()) {
            received.incrementAndGet();
            stats.broadcastSent(connection, message.length());
          } else {
            failed.incrementAndGet();
          }
          if (received.get() + failed.get() == clients) {
            done.tryComplete(outcome(clients, received, failed));
          }
        });
      }
    }));
    return done.future().andThen(result -> vertx.cancelTimer(deadline));
  }

  private static Future<Void> write(Connection connection, Buffer message) {
    try {
      return connection.send(message);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static JsonObject outcome(int clients, AtomicInteger received, AtomicInteger failed) {
    int ok = received.get();
    int lost = failed.get();
    return new JsonObject()
      .put("clients", clients)
      .put("received", ok)
      .put("queued", clients - ok - lost)
      .put("failed", lost);
  }
}
