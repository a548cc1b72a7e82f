package io.netecho.limit;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}; each admitted
 * event takes one. Time is passed in (nanoseconds, {@link System#nanoTime}), so a caller reads the
 * clock once for several buckets and tests need no sleeps. Synchronized, for the callers that share
 * one bucket across threads; uncontended on the UDP path, which has one event loop.
 */
public final class TokenBucket {

  private final double tokensPerNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  /** A full bucket. */
  public TokenBucket(int ratePerSecond, int burst, long nowNanos) {
    if (ratePerSecond <= 0 || burst <= 0) {
      throw new IllegalArgumentException("a token bucket needs a rate and a burst above 0");
    }
    this.tokensPerNano = ratePerSecond / 1e9;
    this.capacity = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes a token, or answers false when the bucket is empty. */
  public synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely: it then behaves as a new one, and may be forgotten. */
  public synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      lastNanos = nowNanos;
    }
  }
}
