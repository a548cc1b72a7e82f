package io.netecho.bench;

/**
 * One server's result in one round of one scenario: the scenario's value, latency percentiles in
 * microseconds and server CPU microseconds per unit (NaN when not measured), errors, the CPUs'
 * worth of time other processes took meanwhile (NaN when not measured), and a note.
 */
record Sample(double value, double p50us, double p99us, double cpuPerUnitUs, long errors, double otherLoad, String note) {

  static Sample of(double value, long errors, String note) {
    return new Sample(value, Double.NaN, Double.NaN, Double.NaN, errors, Double.NaN, note);
  }
}
