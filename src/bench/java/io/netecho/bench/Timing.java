package io.netecho.bench;

/** How long and how big each run is; {@link #quick} for a smoke run, {@link #full} for the record. */
record Timing(String name, int rounds, long warmupMs, long measureMs, int idleConnections, long slowReaderBytes,
              long stallMs, int startups, long budgetMs) {

  static Timing full() {
    return new Timing("full", 3, 2500, 4000, 10_000, 256L << 20, 2000, 5, 520_000);
  }

  static Timing quick() {
    return new Timing("quick", 1, 1000, 1500, 10_000, 256L << 20, 1000, 3, 95_000);
  }
}
