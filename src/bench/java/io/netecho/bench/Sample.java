package io.netecho.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One server's result in one round of one scenario: the scenario's value, latency percentiles in
 * microseconds and server CPU microseconds per unit (NaN when not measured), errors, the CPUs'
 * worth of time other processes took meanwhile (NaN when not measured), a note, and the samples of
 * the scenario's companions measured in the same run (by companion id).
 */
record Sample(double value, double p50us, double p99us, double cpuPerUnitUs, long errors, double otherLoad, String note,
              Map<String, Sample> companions) {

  Sample(double value, double p50us, double p99us, double cpuPerUnitUs, long errors, double otherLoad, String note) {
    this(value, p50us, p99us, cpuPerUnitUs, errors, otherLoad, note, Map.of());
  }

  static Sample of(double value, long errors, String note) {
    return new Sample(value, Double.NaN, Double.NaN, Double.NaN, errors, Double.NaN, note);
  }

  /** This sample with {@code sample} as the result of the companion {@code id}. */
  Sample with(String id, Sample sample) {
    Map<String, Sample> more = new LinkedHashMap<>(companions);
    more.put(id, sample);
    return new Sample(value, p50us, p99us, cpuPerUnitUs, errors, otherLoad, note, Map.copyOf(more));
  }
}
