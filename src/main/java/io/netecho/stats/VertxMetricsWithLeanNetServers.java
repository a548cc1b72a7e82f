package io.netecho.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MetricsNaming;

import java.util.function.Supplier;

/**
 * Vert.x's Micrometer metrics as they are, but for the TCP servers, which share one
 * {@link NetServerMeters}: what a connection costs in metrics is then a few additions.
 */
final class VertxMetricsWithLeanNetServers implements VertxMetrics {

  private final VertxMetrics micrometer;
  private final Supplier<MeterRegistry> registry;
  private final MetricsNaming naming;
  private NetServerMeters netServers;

  /** {@code registry}: where {@code micrometer} reports, known once it has been created. */
  VertxMetricsWithLeanNetServers(VertxMetrics micrometer, Supplier<MeterRegistry> registry, MetricsNaming naming) {
    this.micrometer = micrometer;
    this.registry = registry;
    this.naming = naming;
  }

  @Override
  public synchronized TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
    if (netServers == null) {
      netServers = new NetServerMeters(registry.get(), naming);
    }
    return netServers;
  }

  @Override
  public EventBusMetrics createEventBusMetrics() {
    return micrometer.createEventBusMetrics();
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
    return micrometer.createHttpServerMetrics(options, localAddress);
  }

  @Override
  public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
    return micrometer.createClientMetrics(remoteAddress, type, namespace);
  }

  @Override
  public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
    return micrometer.createHttpClientMetrics(options);
  }

  @Override
  public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
    return micrometer.createNetClientMetrics(options);
  }

  @Override
  public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
    return micrometer.createDatagramSocketMetrics(options);
  }

  @Override
  public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
    return micrometer.createPoolMetrics(type, name, maxSize);
  }

  @Override
  public void vertxCreated(Vertx vertx) {
    micrometer.vertxCreated(vertx);
  }

  @Override
  public boolean isMetricsEnabled() {
    return micrometer.isMetricsEnabled();
  }

  @Override
  public void close() {
    micrometer.close();
  }
}
