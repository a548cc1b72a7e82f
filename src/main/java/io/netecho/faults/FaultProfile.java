package io.netecho.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The faults a listener deals to its new connections ({@code faults.*}), immutable. Each fault is off
 * while its amount is 0; when on, a connection gets it with probability {@code toxicity} (0..1), drawn
 * once when it connects, so a share of the clients see it and the others a clean echo. {@code ports}
 * names the kinds of port whose connections are dealt the profile ({@link FaultCounter#TCP}: the echo
 * ports, {@link FaultCounter#HTTP}: the HTTP port); by default the echo ports only.
 */
public record FaultProfile(Latency latency, Bandwidth bandwidth, Slicer slicer, Cutoff close, Cutoff reset,
                           Delay slowClose, Delay timeout, List<String> ports) {

  /** Where a profile acts unless it says otherwise: the echo ports. */
  public static final List<String> DEFAULT_PORTS = List.of(FaultCounter.TCP);

  /** No fault at all: the built-in default. */
  public static final FaultProfile NONE = new FaultProfile(new Latency(0, 0, 1), new Bandwidth(0, 1),
    new Slicer(0, 0, 1), new Cutoff(0, 0, 1), new Cutoff(0, 0, 1), new Delay(0, 1), new Delay(0, 1), DEFAULT_PORTS);

  public FaultProfile {
    ports = List.copyOf(Objects.requireNonNull(ports));
  }

  /** Each reply waits {@code ms} ± up to {@code jitterMs} more (on top of {@code reply.delayMs}); order is kept. */
  public record Latency(int ms, int jitterMs, double toxicity) {
    public boolean on() {
      return ms > 0 || jitterMs > 0;
    }
  }

  /** Replies leave at no more than {@code bytesPerSecond}. */
  public record Bandwidth(int bytesPerSecond, double toxicity) {
    public boolean on() {
      return bytesPerSecond > 0;
    }
  }

  /** Replies leave in pieces of at most {@code sliceBytes}, {@code sliceDelayMs} apart. */
  public record Slicer(int sliceBytes, int sliceDelayMs, double toxicity) {
    public boolean on() {
      return sliceBytes > 0;
    }
  }

  /** The connection ends (close: our FIN; reset: an RST) once {@code afterBytes} were sent or {@code afterMs} passed. */
  public record Cutoff(int afterBytes, int afterMs, double toxicity) {
    public boolean on() {
      return afterBytes > 0 || afterMs > 0;
    }
  }

  /** slowClose: our FIN waits {@code ms}; timeout: after {@code ms}, the connection is read but no longer answered. */
  public record Delay(int ms, double toxicity) {
    public boolean on() {
      return ms > 0;
    }
  }

  /** True when no fault is on: connections get none and run the plain echo. */
  public boolean isEmpty() {
    return !(latency.on() || bandwidth.on() || slicer.on() || close.on() || reset.on() || slowClose.on() || timeout.on());
  }

  /** True when connections of {@code port} ({@link FaultCounter#TCP}, {@link FaultCounter#HTTP}) are dealt this profile. */
  public boolean appliesTo(String port) {
    return ports.contains(port);
  }

  /** The faults that are on, in key order. */
  public List<Fault> kinds() {
    List<Fault> on = new ArrayList<>(Fault.values().length);
    add(on, Fault.LATENCY, latency.on());
    add(on, Fault.BANDWIDTH, bandwidth.on());
    add(on, Fault.SLICER, slicer.on());
    add(on, Fault.CLOSE, close.on());
    add(on, Fault.RESET, reset.on());
    add(on, Fault.SLOW_CLOSE, slowClose.on());
    add(on, Fault.TIMEOUT, timeout.on());
    return on;
  }

  /** What one new connection gets: each fault that is on, kept with probability {@code toxicity}. */
  FaultProfile dealt(RandomGenerator random) {
    return new FaultProfile(
      drawn(latency.on(), latency.toxicity(), random) ? latency : NONE.latency,
      drawn(bandwidth.on(), bandwidth.toxicity(), random) ? bandwidth : NONE.bandwidth,
      drawn(slicer.on(), slicer.toxicity(), random) ? slicer : NONE.slicer,
      drawn(close.on(), close.toxicity(), random) ? close : NONE.close,
      drawn(reset.on(), reset.toxicity(), random) ? reset : NONE.reset,
      drawn(slowClose.on(), slowClose.toxicity(), random) ? slowClose : NONE.slowClose,
      drawn(timeout.on(), timeout.toxicity(), random) ? timeout : NONE.timeout,
      ports);
  }

  /** The faults that are on, e.g. {@code latency, slicer}, or {@code none}. */
  public String describe() {
    List<Fault> on = kinds();
    return on.isEmpty() ? "none" : String.join(", ", on.stream().map(Fault::key).toList());
  }

  // toxicity 1 always holds (nextDouble() < 1), 0 never; one draw per fault that is on
  private static boolean drawn(boolean on, double toxicity, RandomGenerator random) {
    return on && random.nextDouble() < toxicity;
  }

  private static void add(List<Fault> on, Fault fault, boolean isOn) {
    if (isOn) {
      on.add(fault);
    }
  }
}
