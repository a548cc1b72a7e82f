package io.netecho.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.EnumSet;
import java.util.UUID;

/**
 * Vert.x's own metrics (vertx-micrometer-metrics) into a Prometheus registry that {@code GET /metrics}
 * serves. They must be switched on in the {@link VertxOptions} before Vert.x starts, which is why the
 * launchers, not the verticle, call {@link #enable}; Vert.x creates the registry, {@link #registry}
 * finds it once Vert.x runs.
 */
public record Metrics(String registryName) {

  /**
   * The labels Vert.x may put on its meters: its defaults, spelled out so that neither a change of
   * default nor a setting can add {@link Label#REMOTE}, a label per client address (unbounded series).
   */
  private static final EnumSet<Label> LABELS =
    EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_SIDE, Label.POOL_TYPE, Label.POOL_NAME);

  /** Turns metrics on in {@code options}, into a Prometheus registry of this Vert.x alone. */
  public static Metrics enable(VertxOptions options) {
    // Vert.x keeps registries by name JVM-wide; a name of its own keeps two Vert.x in one JVM apart.
    String name = "net-echo-" + UUID.randomUUID();
    options.setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .setRegistryName(name)
      .setLabels(EnumSet.copyOf(LABELS))
      // a Prometheus registry only: /metrics is served by the admin endpoint, not an embedded server
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    return new Metrics(name);
  }

  /**
   * For {@code Vertx.builder().with(options).withMetrics(...)}: Vert.x's Micrometer metrics, as the
   * options {@link #enable} set say, with the TCP servers' meters registered once
   * ({@link NetServerMeters}) instead of on every connection.
   */
  public VertxMetricsFactory factory() {
    return options -> new VertxMetricsWithLeanNetServers(new MicrometerMetricsFactory().metrics(options),
      () -> BackendRegistries.getNow(registryName),
      ((MicrometerMetricsOptions) options.getMetricsOptions()).getMetricsNaming());
  }

  /** The registry Vert.x reports to, once it runs; null if it was not started with these options. */
  public PrometheusMeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getNow(registryName);
    return registry instanceof PrometheusMeterRegistry prometheus ? prometheus : null;
  }
}
