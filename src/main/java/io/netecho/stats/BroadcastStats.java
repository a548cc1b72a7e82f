package io.netecho.stats;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What broadcasts cost this node: clients skipped because their write queue was full (a broadcast
 * is never buffered without bound for a client that does not read), broadcasts refused on the event
 * bus (too large, or over {@code broadcast.ratePerSecond}), and the bytes queued in the server for
 * its clients right now. Any thread may write and read them.
 */
public final class BroadcastStats {

  /** The fields of {@link #toJson}, which {@link NodeStats#sum} adds across nodes. */
  static final String[] FIELDS = {"broadcastSkips", "broadcastsRefused", "queuedBytes"};

  final AtomicLong skips = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  private volatile LongSupplier queuedBytes = () -> 0;

  /** A client was skipped for one broadcast: its write queue was full. */
  public void skipped() {
    skips.incrementAndGet();
  }

  /** A broadcast from the event bus was refused (too large, or over the rate). */
  public void refused() {
    refused.incrementAndGet();
  }

  /** Where the bytes queued for this node's clients are read, when {@code /stats} or {@code /metrics} asks. */
  public void queuedBytes(LongSupplier source) {
    this.queuedBytes = source;
  }

  long queuedBytes() {
    return queuedBytes.getAsLong();
  }

  JsonObject toJson() {
    return new JsonObject()
      .put(FIELDS[0], skips.get())
      .put(FIELDS[1], refused.get())
      .put(FIELDS[2], queuedBytes());
  }
}
