package io.netecho.faults;

/** Where the faults dealt to connections are counted ({@code /stats}, {@code /metrics}); thread-safe. */
public interface FaultCounter {

  FaultCounter NONE = fault -> { };

  /** A new connection was dealt {@code fault}. */
  void dealt(Fault fault);
}
