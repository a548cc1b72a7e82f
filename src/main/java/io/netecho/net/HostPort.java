package io.netecho.net;

/**
 * A {@code host[:port]} text split in two, as a {@code Host} header or a member list writes it:
 * {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port}, or a bare IPv6 address (more than
 * one colon, no port). Only the shape is read: what a host or a port may be is the caller's rule.
 *
 * @param host the host, without brackets
 * @param port the text after the colon (perhaps empty, perhaps not digits), null when there is none
 * @param bracketed whether the host stood in brackets
 */
public record HostPort(String host, String port, boolean bracketed) {

  /** The parts of {@code text}, or null when its brackets are unclosed or followed by anything but {@code :port}. */
  public static HostPort parse(String text) {
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      if (end < 0) {
        return null;
      }
      String rest = text.substring(end + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return null;
      }
      return new HostPort(text.substring(1, end), rest.isEmpty() ? null : rest.substring(1), true);
    }
    int colon = text.indexOf(':');
    if (colon < 0 || colon != text.lastIndexOf(':')) {
      // no colon: a host alone; more than one: a bare IPv6 address
      return new HostPort(text, null, false);
    }
    return new HostPort(text.substring(0, colon), text.substring(colon + 1), false);
  }

  /** Whether the port is absent or 1 to 5 digits (a Host header's rule; the range is not checked). */
  public boolean portAbsentOrDigits() {
    return port == null || port.matches("\\d{1,5}");
  }
}
