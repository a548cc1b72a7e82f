package io.netecho.config;

import io.netecho.net.HostPort;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster.members} list: comma-separated {@code host}, {@code host:port}, {@code [v6]},
 * {@code [v6]:port} or bare IPv6 entries. Checked as a whole when the key is read, so Hazelcast
 * never sees an entry it would reject later, with a message of its own.
 */
final class ClusterMembers {

  static final Rule RULE = new Rule("comma-separated host[:port], port 1..65535", value -> problem((String) value));

  private ClusterMembers() {
  }

  /** The members of a valid value: trimmed {@code host[:port]} entries. */
  static List<String> parse(String csv) {
    List<String> members = new ArrayList<>();
    for (String entry : csv.split(",", -1)) {
      members.add(entry.trim());
    }
    return List.copyOf(members);
  }

  /** The value as the key holds it, for {@code parse(join(m))} to give {@code m} back. */
  static String join(List<String> members) {
    return String.join(",", members);
  }

  private static String problem(String csv) {
    if (csv.isBlank()) {
      return "must list at least one host[:port]";
    }
    for (String entry : parse(csv)) {
      if (!valid(entry)) {
        return "has an invalid entry " + ErrorText.show(entry) + " (expected host[:port], port 1..65535)";
      }
    }
    return null;
  }

  private static boolean valid(String entry) {
    HostPort parts = HostPort.parse(entry);
    if (parts == null) {
      return false;
    }
    String host = parts.host();
    boolean hostOk = !host.isEmpty() && host.chars().noneMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']');
    boolean portOk = parts.portAbsentOrDigits()
      && (parts.port() == null || Integer.parseInt(parts.port()) >= 1 && Integer.parseInt(parts.port()) <= 65535);
    return hostOk && portOk;
  }
}
