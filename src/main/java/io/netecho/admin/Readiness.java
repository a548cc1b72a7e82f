package io.netecho.admin;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;

/**
 * Whether this node wants new clients, as {@code /health/ready} reports it. A stop turns it off
 * before anything drains: the process first reports not ready, waits {@code shutdownDelaySeconds}
 * so that load balancers and Kubernetes stop sending, and only then asks connections to finish.
 */
public final class Readiness implements Shareable {

  private static final String MAP = "netecho.readiness";
  private static final String KEY = "node";

  private volatile boolean draining;
  private volatile Duration delay = Duration.ZERO;

  private Readiness() {
  }

  /** The one of this Vert.x; callable on any thread. */
  public static Readiness of(Vertx vertx) {
    return vertx.sharedData().<String, Readiness>getLocalMap(MAP).computeIfAbsent(KEY, key -> new Readiness());
  }

  /** How long a stop reports not ready before the drain starts ({@code shutdownDelaySeconds}). */
  void delayDrainBy(int seconds) {
    delay = Duration.ofSeconds(seconds);
  }

  /** From now on this node reports not ready; answers how long to wait before draining. */
  public Duration stopRequested() {
    draining = true;
    return delay;
  }

  /** True once a stop was requested. */
  boolean draining() {
    return draining;
  }
}
