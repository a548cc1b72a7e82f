package io.netecho.stats;

import io.netecho.events.DatagramEvents;
import io.netecho.events.DropReason;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The UDP echo's counters, one set per node (the node has one UDP socket). Its event loop writes
 * them; any thread may read them.
 */
final class DatagramStats implements DatagramEvents {

  /** The fields of {@link #toJson}, which {@link NodeStats#sum} adds across nodes. */
  static final String[] FIELDS = Stream.concat(
    Stream.of("udpDatagrams", "udpIgnored", "udpReplies", "udpBytesIn", "udpBytesOut"),
    Arrays.stream(DropReason.values()).map(DropReason::statsField)).toArray(String[]::new);

  final AtomicLong datagrams = new AtomicLong();
  final AtomicLong ignored = new AtomicLong();
  final AtomicLong replies = new AtomicLong();
  final AtomicLong bytesIn = new AtomicLong();
  final AtomicLong bytesOut = new AtomicLong();
  /** {@link #ignored} by reason; the map is filled once, then only read. */
  final Map<DropReason, AtomicLong> ignoredBy = new EnumMap<>(DropReason.class);

  DatagramStats() {
    for (DropReason reason : DropReason.values()) {
      ignoredBy.put(reason, new AtomicLong());
    }
  }

  @Override
  public void received(int bytes) {
    datagrams.incrementAndGet();
    bytesIn.addAndGet(bytes);
  }

  @Override
  public void ignored(DropReason reason) {
    ignored.incrementAndGet();
    ignoredBy.get(reason).incrementAndGet();
  }

  @Override
  public void replied(int bytes) {
    replies.incrementAndGet();
    bytesOut.addAndGet(bytes);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put(FIELDS[0], datagrams.get())
      .put(FIELDS[1], ignored.get())
      .put(FIELDS[2], replies.get())
      .put(FIELDS[3], bytesIn.get())
      .put(FIELDS[4], bytesOut.get());
    ignoredBy.forEach((reason, count) -> json.put(reason.statsField(), count.get()));
    return json;
  }
}
