package io.netecho.cluster;

import io.netecho.limit.TokenBucket;
import io.netecho.stats.BroadcastStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message written to every connected client on every node.
 *
 * <p>On {@value #ADDRESS} (a String or Buffer body): a {@code publish} reaches every node, and each
 * writes it to its own clients; a {@code send} or {@code request} reaches one node, which hands it to
 * every node and answers the totals. {@code POST /broadcast} does the latter.
 *
 * <p>Both ways in take the same limits: at most {@value #MAX_BYTES} bytes, and
 * {@code broadcast.ratePerSecond} broadcasts a second per node (a second's worth at once). Over them,
 * a {@code send} fails (413, 429), a {@code publish} is dropped; both are counted and logged at most
 * once a second. The node-to-node fan-out of an admitted broadcast is held to the size limit only.
 */
public final class Broadcasts {

  public static final String ADDRESS = "netecho.broadcast";
  /** The largest broadcast, by either way in (the HTTP limit). */
  public static final int MAX_BYTES = 64 * 1024;
  static final String SERVICE = "broadcast";
  private static final long SECOND_NANOS = 1_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(Broadcasts.class);
  private static final String[] COUNTS = {"clients", "received", "queued", "failed", "skipped"};

  private final Vertx vertx;
  private final Members members;
  private final LocalClients clients;
  private final BroadcastStats stats;
  private final AtomicLong lastRefusalLine = new AtomicLong(System.nanoTime() - SECOND_NANOS);
  private volatile TokenBucket rate;

  public Broadcasts(Vertx vertx, Members members, LocalClients clients, BroadcastStats stats) {
    this.vertx = vertx;
    this.members = members;
    this.clients = clients;
    this.stats = stats;
  }

  /** Takes one of this second's broadcasts, or answers false when {@code broadcast.ratePerSecond} is spent. */
  public boolean tryAdmit() {
    TokenBucket bucket = rate;
    return bucket == null || bucket.tryTake(System.nanoTime());
  }

  /**
   * Writes {@code message} to the clients of every node. Answers the summed counts of
   * {@link LocalClients#send}, {@code nodes} (how many answered) and {@code missing} (node ids that did not).
   */
  public Future<JsonObject> toCluster(Buffer message) {
    return ClusterGather.ask(vertx, members, SERVICE, message, () -> clients.send(message)).map(answers -> {
      JsonObject total = new JsonObject();
      for (String count : COUNTS) {
        total.put(count, answers.byNode().values().stream().mapToLong(a -> a.getLong(count, 0L)).sum());
      }
      return total.put("nodes", answers.byNode().size()).put("missing", answers.missingJson());
    });
  }

  /**
   * Registers this node's consumers, limited to {@code ratePerSecond} broadcasts (0: no limit);
   * completes when the cluster knows them.
   */
  public Future<Void> register(EventBus bus, int ratePerSecond) {
    rate = ratePerSecond == 0 ? null : new TokenBucket(ratePerSecond, ratePerSecond, System.nanoTime());
    Future<Void> own = bus.<Object>consumer(ClusterGather.address(SERVICE, members.self()), this::onFanOut)
      .completion();
    Future<Void> shared = bus.consumer(ADDRESS, this::onMessage).completion();
    return Future.all(own, shared).mapEmpty();
  }

  private void onMessage(Message<Object> message) {
    Buffer body = asBuffer(message.body());
    if (body == null) {
      LOG.warn("{}: ignored a message whose body is neither a String nor a Buffer", ADDRESS);
      message.fail(400, ADDRESS + " takes a String or Buffer body");
    } else if (body.length() > MAX_BYTES) {
      refuse(message, 413, "message over " + MAX_BYTES + " bytes");
    } else if (!tryAdmit()) {
      refuse(message, 429, "over broadcast.ratePerSecond");
    } else if (message.isSend()) {
      toCluster(body).onComplete(sent -> reply(message, sent));
    } else {
      clients.send(body);
    }
  }

  /** Another node hands this one a broadcast it admitted: written here, unless over the size limit. */
  private void onFanOut(Message<Object> message) {
    Buffer body = asBuffer(message.body());
    if (body == null || body.length() > MAX_BYTES) {
      refuse(message, 413, "not a String or Buffer of at most " + MAX_BYTES + " bytes");
    } else {
      clients.send(body).onComplete(sent -> reply(message, sent));
    }
  }

  private void refuse(Message<Object> message, int code, String why) {
    stats.refused();
    long now = System.nanoTime();
    long last = lastRefusalLine.get();
    if (now - last >= SECOND_NANOS && lastRefusalLine.compareAndSet(last, now)) {
      LOG.warn("{}: refused a broadcast ({}); further refusals are counted in /stats (broadcastsRefused), "
        + "logged at most once a second", ADDRESS, why);
    }
    if (message.isSend()) {
      message.fail(code, why);
    }
  }

  private static Buffer asBuffer(Object body) {
    if (body instanceof Buffer buffer) {
      return buffer;
    }
    if (body instanceof String text) {
      return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }
    if (body instanceof byte[] bytes) {
      return Buffer.buffer(bytes);
    }
    return null;
  }

  private static void reply(Message<?> message, io.vertx.core.AsyncResult<JsonObject> result) {
    if (result.succeeded()) {
      message.reply(result.result());
    } else {
      message.fail(500, result.cause().getMessage());
    }
  }
}
