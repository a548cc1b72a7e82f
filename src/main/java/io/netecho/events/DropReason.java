package io.netecho.events;

/** Why the UDP echo left a datagram unanswered; each reason is counted on its own. */
public enum DropReason {

  /** From a port below 1024: a reply could start a loop with another service (echo, chargen, DNS). */
  LOW_PORT("low_port", "LowPort", "source port below 1024"),
  /** From our own port, on any address: another echo node (or a datagram forged as one) would loop with us. */
  OWN_PORT("own_port", "OwnPort", "source port is our own UDP port"),
  /** Starts with the reply prefix: an echo of an echo, the second hop of a loop. */
  ECHO_OF_ECHO("echo_of_echo", "EchoOfEcho", "starts with the reply prefix"),
  /** Over {@code udp.ratePerSecond} / {@code udp.burst} for its source address. */
  SOURCE_RATE("source_rate", "SourceRate", "over the per-source rate"),
  /** Over {@code udp.globalRatePerSecond}, all sources together. */
  GLOBAL_RATE("global_rate", "GlobalRate", "over the global rate");

  private final String label;
  private final String field;
  private final String text;

  DropReason(String label, String field, String text) {
    this.label = label;
    this.field = field;
    this.text = text;
  }

  /** The {@code reason} label of the metric. */
  public String label() {
    return label;
  }

  /** The {@code /stats} field counting this reason, e.g. {@code udpIgnoredLowPort}. */
  public String statsField() {
    return "udpIgnored" + field;
  }

  /** How a log line says it. */
  public String text() {
    return text;
  }
}
