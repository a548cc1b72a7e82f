package io.netecho.config;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@code NETECHO_*} environment variables and {@code netecho.*} system properties into typed,
 * nested JSON layers, so the retriever merges them like any other JSON store.
 */
final class ConfigOverrides {

  private ConfigOverrides() {
  }

  /**
   * The environment layer: {@code NETECHO_REPLY_PREFIX} or {@code NETECHO_LOG_MAX_DATA_CHARS}, any
   * case after the prefix; other variables, and Kubernetes service links ({@link ServiceLinks}), are ignored.
   *
   * @throws ConfigException for an unknown {@code NETECHO_*} variable or an unconvertible value
   */
  static JsonObject fromEnv(Map<String, String> env) {
    return layer(ServiceLinks.removeFrom(env), ConfigSchema.ENV_PREFIX, ConfigSchema::forEnvSuffix);
  }

  /**
   * The system-property layer: {@code netecho.reply.prefix}, the path in any case; other
   * properties are ignored.
   *
   * @throws ConfigException for an unknown {@code netecho.*} property or an unconvertible value
   */
  static JsonObject fromSystemProperties(Properties properties) {
    SortedMap<String, String> byName = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> byName.put(name, properties.getProperty(name)));
    return layer(byName, ConfigSchema.PROPERTY_PREFIX, ConfigSchema::forPropertyPath);
  }

  private static JsonObject layer(SortedMap<String, String> byName, String prefix,
                                  Function<String, Optional<ConfigSchema.Key>> lookup) {
    JsonObject layer = new JsonObject();
    Map<ConfigSchema.Key, String> setBy = new HashMap<>();
    byName.forEach((name, raw) -> {
      if (!name.startsWith(prefix)) {
        return;
      }
      ConfigSchema.Key key = lookup.apply(name.substring(prefix.length()))
          .orElseThrow(() -> new ConfigException(ConfigSchema.assignment(name, raw) + ": unknown key"));
      String earlier = setBy.putIfAbsent(key, name);
      if (earlier != null) {
        throw new ConfigException(ConfigSchema.assignment(name, raw) + ": " + key.path() + " is already set by " + earlier);
      }
      ConfigSchema.put(layer, key.path(), key.fromText(name, raw));
    });
    return layer;
  }
}
