package io.netecho.config;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@code NETECHO_*} environment variables and {@code netecho.*} system properties into typed,
 * nested JSON layers, so the retriever merges them like any other JSON store.
 */
final class ConfigOverrides {

  /** Keys by what follows {@code NETECHO_}, upper case: both spellings of {@link ConfigKey#envNames()}. */
  private static final Map<String, ConfigKey> BY_ENV_NAME = new HashMap<>();
  /** Keys by what follows {@code netecho.}, lower case. */
  private static final Map<String, ConfigKey> BY_PROPERTY_NAME = new HashMap<>();

  static {
    for (ConfigKey key : ConfigKeys.all()) {
      for (String name : key.envNames()) {
        unique(BY_ENV_NAME, name.substring(ConfigKey.ENV_PREFIX.length()), key);
      }
      unique(BY_PROPERTY_NAME, key.path().toLowerCase(Locale.ROOT), key);
    }
  }

  private ConfigOverrides() {
  }

  /**
   * The environment layer: {@code NETECHO_REPLY_PREFIX} or {@code NETECHO_LOG_MAX_DATA_CHARS}, any
   * case after the prefix; other variables, and Kubernetes service links ({@link ServiceLinks}), are ignored.
   *
   * @throws ConfigException for an unknown {@code NETECHO_*} variable or an unconvertible value
   */
  static JsonObject fromEnv(Map<String, String> env) {
    return layer(ServiceLinks.removeFrom(env), ConfigKey.ENV_PREFIX, ConfigOverrides::envKey);
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
    return layer(byName, ConfigKey.PROPERTY_PREFIX, ConfigOverrides::propertyKey);
  }

  /** The key an environment variable sets, given what follows {@code NETECHO_} (any case), or null. */
  private static ConfigKey envKey(String suffix) {
    return BY_ENV_NAME.get(suffix.toUpperCase(Locale.ROOT));
  }

  /** The key a system property sets, given what follows {@code netecho.} (any case), or null. */
  private static ConfigKey propertyKey(String path) {
    return BY_PROPERTY_NAME.get(path.toLowerCase(Locale.ROOT));
  }

  private static JsonObject layer(SortedMap<String, String> byName, String prefix, Function<String, ConfigKey> keys) {
    JsonObject layer = new JsonObject();
    Map<ConfigKey, String> setBy = new HashMap<>();
    byName.forEach((name, raw) -> {
      if (!name.startsWith(prefix)) {
        return;
      }
      ConfigKey key = keys.apply(name.substring(prefix.length()));
      if (key == null) {
        throw new ConfigException(ErrorText.assignment(name, raw, false) + ": unknown key");
      }
      String earlier = setBy.putIfAbsent(key, name);
      if (earlier != null) {
        throw new ConfigException(ErrorText.assignment(name, raw, false) + ": " + key.path() + " is already set by " + earlier);
      }
      key.put(layer, key.fromText(name, raw));
    });
    return layer;
  }

  private static void unique(Map<String, ConfigKey> names, String name, ConfigKey key) {
    ConfigKey other = names.putIfAbsent(name, key);
    if (other != null && other != key) {
      throw new IllegalStateException("config keys: " + key.path() + " and " + other.path() + " share the name " + name);
    }
  }
}
