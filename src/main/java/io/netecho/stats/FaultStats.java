package io.netecho.stats;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netecho.faults.Fault;
import io.netecho.faults.FaultCounter;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many connections were dealt each fault, one set per node: written on the connections' event
 * loops when they connect, read from any thread.
 */
final class FaultStats implements FaultCounter {

  /** The fields of {@link #toJson}, e.g. {@code faultsSlowClose}, which {@link NodeStats#sum} adds across nodes. */
  static final String[] FIELDS = Arrays.stream(Fault.values()).map(FaultStats::field).toArray(String[]::new);

  private final Map<Fault, AtomicLong> dealt = new EnumMap<>(Fault.class);

  FaultStats() {
    for (Fault fault : Fault.values()) {
      dealt.put(fault, new AtomicLong());
    }
  }

  @Override
  public void dealt(Fault fault) {
    dealt.get(fault).incrementAndGet();
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    dealt.forEach((fault, count) -> json.put(field(fault), count.get()));
    return json;
  }

  /** {@code netecho_faults_applied_total{fault="latency"}}: one series per kind of fault. */
  void bindTo(MeterRegistry registry) {
    dealt.forEach((fault, count) -> FunctionCounter.builder("netecho.faults.applied", count, AtomicLong::get)
      .description("New connections dealt a fault, by kind (faults.*, toxicity)")
      .tag("fault", fault.key())
      .register(registry));
  }

  private static String field(Fault fault) {
    return "faults" + fault.key().substring(0, 1).toUpperCase(Locale.ROOT) + fault.key().substring(1);
  }
}
