package io.netecho.udp;

import io.netecho.events.DropReason;
import io.netecho.config.NetEchoConfig;
import io.netecho.limit.TokenBucket;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many datagrams the UDP echo answers: a token bucket per source address
 * ({@code udp.ratePerSecond}, {@code udp.burst}), then one for all sources together
 * ({@code udp.globalRatePerSecond}, a second's worth of burst). A reflection attack spoofs its
 * victim as the source: the victim gets at most its bucket's rate, and the node at most the global
 * rate, whatever the number of spoofed sources.
 *
 * <p>Memory is bounded: at most {@value #MAX_SOURCES} sources are tracked, the least recently seen
 * forgotten first (a forgotten source starts again with a full bucket, still under the global one).
 * Used on the UDP socket's event loop only.
 */
final class DatagramRate {

  static final int MAX_SOURCES = 10_000;

  private final int ratePerSecond;
  private final int burst;
  private final TokenBucket global;
  private final Map<String, TokenBucket> sources = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
      return size() > MAX_SOURCES;
    }
  };

  DatagramRate(NetEchoConfig.UdpLimits limits, long nowNanos) {
    this.ratePerSecond = limits.ratePerSecond();
    this.burst = limits.burst();
    int globalRate = limits.globalRatePerSecond();
    this.global = globalRate == 0 ? null : new TokenBucket(globalRate, Math.max(globalRate, burst), nowNanos);
  }

  /** Takes a token for a datagram from {@code source}, or answers why it must be dropped. */
  DropReason admit(String source, long nowNanos) {
    if (ratePerSecond > 0) {
      TokenBucket bucket = sources.get(source);
      if (bucket == null) {
        bucket = new TokenBucket(ratePerSecond, burst, nowNanos);
        sources.put(source, bucket);
      }
      if (!bucket.tryTake(nowNanos)) {
        return DropReason.SOURCE_RATE;
      }
    }
    if (global != null && !global.tryTake(nowNanos)) {
      return DropReason.GLOBAL_RATE;
    }
    return null;
  }

  /** How many sources have a bucket (for tests: bounded). */
  int sources() {
    return sources.size();
  }
}
