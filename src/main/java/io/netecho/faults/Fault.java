package io.netecho.faults;

/** The kinds of fault a connection can be dealt, by the name their keys and counters use. */
public enum Fault {
  LATENCY("latency"),
  BANDWIDTH("bandwidth"),
  SLICER("slicer"),
  CLOSE("close"),
  RESET("reset"),
  SLOW_CLOSE("slowClose"),
  TIMEOUT("timeout");

  private final String key;

  Fault(String key) {
    this.key = key;
  }

  /** The name under {@code faults.}, e.g. {@code slowClose}. */
  public String key() {
    return key;
  }
}
