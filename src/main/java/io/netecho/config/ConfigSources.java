package io.netecho.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The inputs of one configuration read, as snapshots: the deployment config (the {@code -conf}
 * value), the default file used when that is empty, the environment and the system properties.
 * Tests build one with fake maps; the process uses {@link #of(JsonObject)}.
 */
public record ConfigSources(JsonObject conf, Path defaultFile, Map<String, String> env, Properties systemProperties) {

  /** The default file, relative to the working directory. */
  public static final Path DEFAULT_FILE = Path.of("conf/config.json");

  public ConfigSources {
    conf = conf == null ? new JsonObject() : conf.copy();
    Objects.requireNonNull(defaultFile, "defaultFile");
    env = Map.copyOf(env);
    systemProperties = snapshot(systemProperties);
  }

  /** This process's sources: {@code System.getenv()}, {@code System.getProperties()} and {@code conf/config.json}. */
  public static ConfigSources of(JsonObject deploymentConfig) {
    return new ConfigSources(deploymentConfig, DEFAULT_FILE, System.getenv(), System.getProperties());
  }

  private static Properties snapshot(Properties properties) {
    Properties copy = new Properties();
    properties.stringPropertyNames().forEach(name -> copy.setProperty(name, properties.getProperty(name)));
    return copy;
  }
}
