package io.netecho.stats;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.EnumSet;
import java.util.UUID;

/**
 * Vert.x's own metrics (vertx-micrometer-metrics) into a Prometheus registry that {@code GET /metrics}
 * serves. They must be switched on in the {@link VertxOptions} before Vert.x starts, which is why the
 * launchers, not the verticle, call {@link #enable}.
 */
public record Metrics(PrometheusMeterRegistry registry) {

  /**
   * The labels Vert.x may put on its meters: its defaults, spelled out so that neither a change of
   * default nor a setting can add {@link Label#REMOTE}, a label per client address (unbounded series).
   */
  private static final EnumSet<Label> LABELS =
    EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_SIDE, Label.POOL_TYPE, Label.POOL_NAME);

  /** Turns metrics on in {@code options}, into a new registry of this Vert.x alone. */
  public static Metrics enable(VertxOptions options) {
    options.setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      // Vert.x keeps registries by name JVM-wide; a name of its own keeps two Vert.x in one JVM apart.
      .setRegistryName("net-echo-" + UUID.randomUUID())
      .setLabels(EnumSet.copyOf(LABELS)));
    return new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** What the Vert.x builder needs: {@code Vertx.builder().with(options).withMetrics(metrics.factory())}. */
  public VertxMetricsFactory factory() {
    return new MicrometerMetricsFactory(registry);
  }
}
