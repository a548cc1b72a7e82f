package io.netecho.udp;

import io.netecho.events.DropReason;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The log of dropped datagrams: at most one line a second, a flood costs the log nothing more.
 * The first drop after a quiet second is logged at once; later ones are counted and summed up in
 * one line when the second is over. Used on the UDP socket's event loop only.
 */
final class DropLog {

  private static final Logger LOG = LoggerFactory.getLogger(UdpEcho.class);
  private static final long SECOND_NANOS = 1_000_000_000L;

  private final Vertx vertx;
  private final Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
  private long lastLineNanos;
  private boolean lineDue;
  private String lastPeer;

  DropLog(Vertx vertx) {
    this.vertx = vertx;
    this.lastLineNanos = System.nanoTime() - SECOND_NANOS;
  }

  void dropped(DropReason reason, String peer) {
    counts.merge(reason, 1L, Long::sum);
    lastPeer = peer;
    if (lineDue) {
      return;
    }
    long waitNanos = lastLineNanos + SECOND_NANOS - System.nanoTime();
    if (waitNanos <= 0) {
      writeLine();
    } else {
      lineDue = true;
      vertx.setTimer(Math.max(1, waitNanos / 1_000_000), id -> {
        lineDue = false;
        writeLine();
      });
    }
  }

  private void writeLine() {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return;
    }
    StringJoiner reasons = new StringJoiner(", ");
    counts.forEach((reason, count) -> reasons.add(count + " " + reason.text()));
    LOG.info("udp echo ignored {} datagram{} ({}), the last from udp {}; no reply sent",
      total, total == 1 ? "" : "s", reasons, lastPeer);
    counts.clear();
    lastLineNanos = System.nanoTime();
  }
}
