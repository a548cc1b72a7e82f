package io.netecho.health;

import java.time.Duration;

/**
 * Whether this node wants new clients, as {@code /health/ready} reports it. A stop turns it off
 * before anything drains: the process first reports not ready, waits {@code shutdownDelaySeconds}
 * so that load balancers and Kubernetes stop sending, and only then asks connections to finish.
 * One per process, held by the node.
 */
public final class Readiness {

  private volatile boolean draining;
  private volatile Duration delay = Duration.ZERO;

  /** How long a stop reports not ready before the drain starts ({@code shutdownDelaySeconds}). */
  public void delayDrainBy(int seconds) {
    delay = Duration.ofSeconds(seconds);
  }

  /** From now on this node reports not ready; answers how long to wait before draining. */
  public Duration stopRequested() {
    draining = true;
    return delay;
  }

  /** True once a stop was requested. */
  public boolean draining() {
    return draining;
  }
}
