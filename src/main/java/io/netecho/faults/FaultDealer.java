package io.netecho.faults;

import io.netecho.net.NodeSocket;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault profile of one listener, and the draw that deals it to each new connection. The profile
 * may be replaced at any time from any thread ({@code PUT /faults}); a connection keeps what it was
 * dealt when it connected.
 */
public final class FaultDealer {

  /** Deals nothing, ever. */
  public static final FaultDealer NONE = new FaultDealer(FaultProfile.NONE, FaultCounter.NONE);

  private static final Logger LOG = LoggerFactory.getLogger(FaultDealer.class);

  private final AtomicReference<FaultProfile> profile;
  private final FaultCounter counter;

  public FaultDealer(FaultProfile profile, FaultCounter counter) {
    this.profile = new AtomicReference<>(Objects.requireNonNull(profile));
    this.counter = counter;
  }

  /** Another listener's dealer: the same counter, its own profile. */
  public FaultDealer with(FaultProfile other) {
    return new FaultDealer(other, counter);
  }

  public FaultProfile profile() {
    return profile.get();
  }

  /** From now on, new connections are dealt {@code next}. */
  public void replace(FaultProfile next) {
    profile.set(Objects.requireNonNull(next));
  }

  /**
   * Draws the faults of an echo connection that just connected, counts them, and answers them, or null
   * when it gets none (always, while the profile is empty: one read and no draw). {@code drained}
   * runs when bytes the faults held have gone out.
   */
  public Faults deal(Vertx vertx, NodeSocket socket, String peer, Runnable drained) {
    FaultProfile dealt = deal(FaultCounter.TCP, peer);
    return dealt == null ? null : new Faults(vertx, Wire.of(socket), peer, dealt, drained);
  }

  /** False when a new connection on {@code port} surely gets nothing: the profile is empty or not for that port. One read. */
  boolean mayDeal(String port) {
    FaultProfile current = profile.get();
    return !current.isEmpty() && current.appliesTo(port);
  }

  /**
   * Draws the faults of a new connection on {@code port} ({@link FaultCounter#TCP} or
   * {@link FaultCounter#HTTP}), counts each under that port and logs them; null when it gets none
   * (always while the profile is empty or not for that port: no draw).
   */
  FaultProfile deal(String port, String peer) {
    FaultProfile current = profile.get();
    if (current.isEmpty() || !current.appliesTo(port)) {
      return null;
    }
    FaultProfile dealt = current.dealt(ThreadLocalRandom.current());
    if (dealt.isEmpty()) {
      return null;
    }
    dealt.kinds().forEach(fault -> counter.dealt(port, fault.key()));
    if (FaultCounter.TCP.equals(port)) {
      LOG.info("dealing faults to {}: {}", peer, dealt.describe());
    } else {
      LOG.info("dealing faults to {} connection {}: {}", port, peer, dealt.describe());
    }
    return dealt;
  }
}
