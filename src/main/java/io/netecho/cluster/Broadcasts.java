package io.netecho.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * A message written to every connected client on every node.
 *
 * <p>On {@value #ADDRESS} (a String or Buffer body): a {@code publish} reaches every node, and each
 * writes it to its own clients; a {@code send} or {@code request} reaches one node, which hands it to
 * every node and answers the totals. {@code POST /broadcast} does the latter.
 */
public final class Broadcasts {

  public static final String ADDRESS = "netecho.broadcast";
  static final String SERVICE = "broadcast";

  private static final Logger LOG = LoggerFactory.getLogger(Broadcasts.class);
  private static final String[] COUNTS = {"clients", "received", "queued", "failed"};

  private final Vertx vertx;
  private final Members members;
  private final LocalClients clients;

  public Broadcasts(Vertx vertx, Members members, LocalClients clients) {
    this.vertx = vertx;
    this.members = members;
    this.clients = clients;
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

  /** Registers this node's consumers; completes when the cluster knows them. */
  public Future<Void> register(EventBus bus) {
    Future<Void> own = bus.<Buffer>consumer(ClusterGather.address(SERVICE, members.self()),
      message -> clients.send(message.body()).onComplete(sent -> reply(message, sent))).completion();
    Future<Void> shared = bus.consumer(ADDRESS, this::onMessage).completion();
    return Future.all(own, shared).mapEmpty();
  }

  private void onMessage(Message<Object> message) {
    Buffer body = asBuffer(message.body());
    if (body == null) {
      LOG.warn("{}: ignored a message whose body is neither a String nor a Buffer", ADDRESS);
      message.fail(400, ADDRESS + " takes a String or Buffer body");
    } else if (message.isSend()) {
      toCluster(body).onComplete(sent -> reply(message, sent));
    } else {
      clients.send(body);
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
