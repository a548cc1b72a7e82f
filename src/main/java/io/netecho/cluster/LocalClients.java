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

  /** Bytes written to this node's clients and not yet sent; for {@code /stats}, on any thread. */
  public long queuedBytes() {
    long queued = 0;
    for (Connection connection : live.keySet()) {
      queued += connection.queuedBytes();
    }
    return queued;
  }

  /**
   * Writes {@code message} to every client of this node. Answers {@code clients} (connected when it
   * started), {@code received} (written), {@code queued} (still being written at the deadline),
   * {@code failed} (the connection could no longer write) and {@code skipped} (its write queue was
   * full: a client that does not read is skipped, never buffered for without bound).
   */
  public Future<JsonObject> send(Buffer message) {
    Map<Context, List<Connection>> byLoop = new HashMap<>();
    live.forEach((connection, loop) -> byLoop.computeIfAbsent(loop, l -> new ArrayList<>()).add(connection));
    int clients = byLoop.values().stream().mapToInt(List::size).sum();
    Outcome outcome = new Outcome(clients);
    if (clients == 0) {
      return Future.succeededFuture(outcome.toJson());
    }
    Promise<JsonObject> done = Promise.promise();
    long deadline = vertx.setTimer(DEADLINE_MS, t -> done.tryComplete(outcome.toJson()));
    byLoop.forEach((loop, connections) -> loop.runOnContext(v -> {
      for (Connection connection : connections) {
        if (connection.writeQueueFull()) {
          outcome.skipped.incrementAndGet();
          stats.broadcasts().skipped();
          outcome.completeWhenAllAnswered(done);
          continue;
        }
        write(connection, message).onComplete(written -> {
          if (written.succeeded()) {
            outcome.received.incrementAndGet();
            stats.broadcastSent(connection, message.length());
          } else {
            outcome.failed.incrementAndGet();
          }
          outcome.completeWhenAllAnswered(done);
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

  /** The counts of one broadcast, written by the clients' event loops. */
  private static final class Outcome {

    private final int clients;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();

    private Outcome(int clients) {
      this.clients = clients;
    }

    void completeWhenAllAnswered(Promise<JsonObject> done) {
      if (received.get() + failed.get() + skipped.get() == clients) {
        done.tryComplete(toJson());
      }
    }

    JsonObject toJson() {
      int ok = received.get();
      int lost = failed.get();
      int skips = skipped.get();
      return new JsonObject()
        .put("clients", clients)
        .put("received", ok)
        .put("queued", clients - ok - lost - skips)
        .put("failed", lost)
        .put("skipped", skips);
    }
  }
}
