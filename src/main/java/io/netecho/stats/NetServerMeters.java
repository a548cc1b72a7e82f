package io.netecho.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;

import java.util.concurrent.atomic.LongAdder;

/**
 * Vert.x's TCP server meters ({@code vertx_net_server_*}), registered once per process rather than
 * once per connection. vertx-micrometer-metrics registers a gauge and two counters each time a client
 * connects, looked up by name and tags in the registry; with the labels net-echo allows (none per
 * client) every connection resolves to the same three meters, so here they are registered once and
 * a connection only counts.
 */
final class NetServerMeters implements TCPMetrics<Void> {

  private final LongAdder active = new LongAdder();
  private final Counter bytesRead;
  private final Counter bytesWritten;
  private final Counter errors;

  NetServerMeters(MeterRegistry registry, MetricsNaming naming) {
    MetricsNaming names = naming.withBaseName(MetricsDomain.NET_SERVER.getPrefix());
    Gauge.builder(names.getNetActiveConnections(), active, LongAdder::doubleValue)
      .description("Number of opened connections to the server")
      .strongReference(true)
      .register(registry);
    bytesRead = Counter.builder(names.getNetBytesRead())
      .description("Number of bytes received by the server")
      .register(registry);
    bytesWritten = Counter.builder(names.getNetBytesWritten())
      .description("Number of bytes sent by the server")
      .register(registry);
    errors = Counter.builder(names.getNetErrorCount())
      .description("Number of errors")
      .register(registry);
  }

  @Override
  public Void connected(SocketAddress remoteAddress, String remoteName) {
    active.increment();
    return null;
  }

  @Override
  public void disconnected(Void socketMetric, SocketAddress remoteAddress) {
    active.decrement();
  }

  @Override
  public void bytesRead(Void socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    bytesRead.increment(numberOfBytes);
  }

  @Override
  public void bytesWritten(Void socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    bytesWritten.increment(numberOfBytes);
  }

  @Override
  public void exceptionOccurred(Void socketMetric, SocketAddress remoteAddress, Throwable t) {
    errors.increment();
  }
}
