package io.netecho.bench;

/**
 * How long and how big each run is; {@link #quick} for a smoke run, {@link #full} for the record.
 * {@code firstReplies} is how many fresh starts the cold-start scenarios make per server;
 * {@code quietWaitMs} how long a run may wait for other processes to quieten down first, and
 * {@code retries} how often a run disturbed by them is measured again.
 */
record Timing(String name, int rounds, long warmupMs, long measureMs, int idleConnections, long slowReaderBytes,
              long stallMs, int firstReplies, long quietWaitMs, int retries, long budgetMs) {

  static Timing full() {
    return new Timing("full", 3, 6000, 3500, 10_000, 256L << 20, 2000, 10, 10_000, 2, 1_080_000);
  }

  static Timing quick() {
    return new Timing("quick", 1, 4000, 1500, 10_000, 256L << 20, 1000, 3, 1_000, 0, 420_000);
  }
}
