package io.netecho.stats;

import io.netecho.events.TrafficCounter;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one echo instance (one event loop). Only that event loop writes them; any thread
 * may read them, so each is an atomic.
 */
final class InstanceStats implements TrafficCounter {

  final AtomicLong active = new AtomicLong();
  final AtomicLong total = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong bytesIn = new AtomicLong();
  final AtomicLong bytesOut = new AtomicLong();
  final AtomicLong replies = new AtomicLong();
  final AtomicLong droppedReplies = new AtomicLong();

  @Override
  public void received(int bytes) {
    bytesIn.addAndGet(bytes);
  }

  @Override
  public void replied(int bytes) {
    replies.incrementAndGet();
    bytesOut.addAndGet(bytes);
  }

  /** The counters as JSON; {@link NodeStats#sum} adds such objects field by field. */
  JsonObject toJson() {
    return new JsonObject()
      .put("activeConnections", active.get())
      .put("totalConnections", total.get())
      .put("rejectedConnections", rejected.get())
      .put("bytesIn", bytesIn.get())
      .put("bytesOut", bytesOut.get())
      .put("replies", replies.get())
      .put("droppedReplies", droppedReplies.get());
  }
}
