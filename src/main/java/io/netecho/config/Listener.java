package io.netecho.config;

import io.netecho.faults.FaultProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One more echo port ({@code listeners}), served like the main one by every echo instance, with a
 * fault profile of its own, fixed at start: one process can serve a clean port and a faulty one
 * side by side.
 */
public record Listener(int port, FaultProfile faults) {

  /**
   * The {@code listeners} array: objects with a {@code port} (0..65535, 0 = ephemeral; any other
   * distinct from {@code mainPort} and from each other) and optional {@code faults}, checked as the
   * {@code faults} section is.
   *
   * @throws ConfigException naming the entry and the bad key, e.g. {@code listeners[1].faults.latency.ms}
   */
  static List<Listener> fromJson(JsonArray array, int mainPort) {
    List<Listener> listeners = new ArrayList<>();
    Set<Integer> ports = new HashSet<>();
    if (mainPort != 0) {
      ports.add(mainPort);
    }
    for (int i = 0; i < array.size(); i++) {
      String name = "listeners[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject entry)) {
        throw new ConfigException(name + ": " + ErrorText.show(array.getValue(i)) + " must be an object {\"port\": N, \"faults\": {...}}");
      }
      for (String field : entry.fieldNames()) {
        if (!field.equals("port") && !field.equals("faults")) {
          throw new ConfigException(name + "." + field + ": unknown key (a listener has port and faults)");
        }
      }
      Object port = entry.getValue("port");
      if (!(port instanceof Integer || port instanceof Long) || ((Number) port).longValue() < 0
        || ((Number) port).longValue() > 65535) {
        throw new ConfigException(name + ".port: " + ErrorText.show(port) + " must be an integer 0..65535");
      }
      int number = ((Number) port).intValue();
      if (number != 0 && !ports.add(number)) {
        throw new ConfigException(name + ".port: " + number + " is already the port of the echo or of another listener");
      }
      listeners.add(new Listener(number, faults(name, entry.getValue("faults"))));
    }
    return List.copyOf(listeners);
  }

  private static FaultProfile faults(String name, Object faults) {
    if (faults == null) {
      return FaultProfile.NONE;
    }
    FaultProfile profile;
    try {
      profile = FaultsSection.fromJson(faults);
    } catch (ConfigException e) {
      throw new ConfigException(name + "." + e.getMessage());
    }
    if (!profile.ports().equals(FaultProfile.DEFAULT_PORTS)) {
      throw new ConfigException(name + ".faults.ports: " + ErrorText.show(((JsonObject) faults).getValue("ports"))
        + " must be [\"tcp\"] or left out: a listener's faults act on its own port");
    }
    return profile;
  }
}
