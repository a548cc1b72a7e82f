package io.netecho.stats;

import io.netecho.events.DatagramEvents;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The UDP echo's counters, one set per node (the node has one UDP socket). Its event loop writes
 * them; any thread may read them.
 */
final class DatagramStats implements DatagramEvents {

  /** The fields of {@link #toJson}, which {@link NodeStats#sum} adds across nodes. */
  static final String[] FIELDS = {"udpDatagrams", "udpIgnored", "udpReplies", "udpBytesIn", "udpBytesOut"};

  final AtomicLong datagrams = new AtomicLong();
  final AtomicLong ignored = new AtomicLong();
  final AtomicLong replies = new AtomicLong();
  final AtomicLong bytesIn = new AtomicLong();
  final AtomicLong bytesOut = new AtomicLong();

  @Override
  public void received(int bytes) {
    datagrams.incrementAndGet();
    bytesIn.addAndGet(bytes);
  }

  @Override
  public void ignored() {
    ignored.incrementAndGet();
  }

  @Override
  public void replied(int bytes) {
    replies.incrementAndGet();
    bytesOut.addAndGet(bytes);
  }

  JsonObject toJson() {
    return new JsonObject()
      .put(FIELDS[0], datagrams.get())
      .put(FIELDS[1], ignored.get())
      .put(FIELDS[2], replies.get())
      .put(FIELDS[3], bytesIn.get())
      .put(FIELDS[4], bytesOut.get());
  }
}
