package io.netecho.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated values of a JSON config, one per key, defaults filled in. Validation is strict:
 * nested objects, exact types, no unknown keys, and the first problem stops it with one line.
 */
final class ConfigValues {

  private static final Map<String, ConfigKey> BY_PATH = new HashMap<>();
  /** Paths that are objects holding keys, e.g. {@code faults} and {@code faults.latency}. */
  private static final Set<String> SECTIONS = new HashSet<>();

  static {
    for (ConfigKey key : ConfigKeys.all()) {
      BY_PATH.put(key.path(), key);
      String path = key.path();
      for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
        SECTIONS.add(path.substring(0, dot));
      }
    }
  }

  private final Map<ConfigKey, Object> values = new IdentityHashMap<>();

  private ConfigValues() {
    ConfigKeys.all().forEach(key -> values.put(key, key.defaultValue()));
  }

  /**
   * Validates a JSON config and fills in defaults.
   *
   * @throws ConfigException naming the first bad key and its value
   */
  static ConfigValues validate(JsonObject json) {
    ConfigValues values = new ConfigValues();
    values.walk(json, "");
    return values;
  }

  /** Every key with its value, nested as in the JSON layers; what was given, else the default. */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    ConfigKeys.all().forEach(key -> key.put(json, values.get(key)));
    return json;
  }

  String string(ConfigKey key) {
    return (String) get(key, ConfigKey.Type.STRING, ConfigKey.Type.NULLABLE_STRING);
  }

  int integer(ConfigKey key) {
    return (Integer) get(key, ConfigKey.Type.INT);
  }

  boolean bool(ConfigKey key) {
    return (Boolean) get(key, ConfigKey.Type.BOOLEAN);
  }

  double number(ConfigKey key) {
    return (Double) get(key, ConfigKey.Type.NUMBER);
  }

  JsonArray array(ConfigKey key) {
    return (JsonArray) get(key, ConfigKey.Type.ARRAY);
  }

  // a getter of the wrong type is a programming error, caught by any test that reads the key
  private Object get(ConfigKey key, ConfigKey.Type... types) {
    if (!List.of(types).contains(key.type())) {
      throw new IllegalStateException(key.path() + " is a " + key.type() + " key, not " + List.of(types));
    }
    return values.get(key);
  }

  private void walk(JsonObject json, String prefix) {
    for (String name : json.fieldNames()) {
      String path = prefix + name;
      Object value = json.getValue(name);
      ConfigKey key = BY_PATH.get(path);
      if (name.contains(".")) {
        throw new ConfigException(ErrorText.name(path) + ": unknown key (value " + ErrorText.value(path, false, value)
          + "; nest objects instead of dotted names)");
      } else if (key != null) {
        values.put(key, key.fromJson(value));
      } else if (!SECTIONS.contains(path)) {
        throw new ConfigException(ErrorText.name(path) + ": unknown key (value " + ErrorText.value(path, false, value) + ")");
      } else if (value instanceof JsonObject section) {
        walk(section, path + ".");
      } else {
        throw new ConfigException(path + ": " + ErrorText.value(path, false, value) + " must be an object");
      }
    }
  }
}
