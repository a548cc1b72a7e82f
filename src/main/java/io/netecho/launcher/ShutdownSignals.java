package io.netecho.launcher;

import io.netecho.node.Node;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT end the process with exit code 0 once the shutdown hooks (which undeploy the
 * verticles and so drain their connections) have run; the JVM's own answer would be 143 or 130,
 * which service managers read as a crash.
 *
 * <p>Before the drain, the node reports not ready ({@code /health/ready} 503) and waits
 * {@code shutdownDelaySeconds}, so that a load balancer has stopped sending new clients by the time
 * connections are asked to finish. A second signal skips what is left of the wait.
 */
final class ShutdownSignals {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);
  private static final AtomicBoolean SIGNALLED = new AtomicBoolean();
  private static volatile Vertx node;

  private ShutdownSignals() {
  }

  static void exitCleanly() {
    for (String name : new String[] {"TERM", "INT"}) {
      // each signal is handled on a thread of its own, so the wait below blocks nothing else
      Signal.handle(new Signal(name), signal -> stop(signal.getName()));
    }
  }

  /** The Vert.x whose readiness a signal turns off before the drain. */
  static void reportNotReadyFirst(Vertx vertx) {
    node = vertx;
  }

  private static void stop(String signal) {
    Vertx vertx = node;
    if (vertx != null && SIGNALLED.compareAndSet(false, true)) {
      Duration delay = Duration.ZERO;
      try {
        delay = Node.of(vertx).readiness().stopRequested();
      } catch (RuntimeException closing) {
        // Vert.x is already closing: nothing reports readiness any more, so drain now
      }
      if (!delay.isZero()) {
        LOG.info("SIG{}: reporting not ready; the drain starts in {} s", signal, delay.toSeconds());
        sleep(delay);
      }
    }
    System.exit(0);
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
