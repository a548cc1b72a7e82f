package io.netecho.config;

import io.netecho.log.Causes;
import io.netecho.log.OneLine;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration once, through one {@link ConfigRetriever} whose stores are the layers in
 * override order: built-in defaults &lt; the conf layer &lt; {@code NETECHO_*} environment variables
 * &lt; {@code netecho.*} system properties; then validates the merge into a {@link NetEchoConfig}.
 *
 * <p>The conf layer is the deployment config when it is non-empty, otherwise the default file when
 * it exists. The environment and system-property layers are converted and checked before the read,
 * so any error in the merged JSON comes from the conf layer, and is reported as coming from it.
 */
public final class ConfigLoader {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  private static final String DEPLOYMENT_CONFIG = "deployment config";

  private ConfigLoader() {
  }

  /** Reads and validates the configuration; fails with a {@link ConfigException} on any bad input. */
  public static Future<NetEchoConfig> load(Vertx vertx, ConfigSources sources) {
    return loadJson(vertx, sources).map(NetEchoConfig::fromJson);
  }

  /**
   * The same read, as the JSON of every key ({@link NetEchoConfig#normalized}): what a deployment is
   * given, so that each instance only checks it again.
   */
  public static Future<JsonObject> loadJson(Vertx vertx, ConfigSources sources) {
    JsonObject env;
    JsonObject properties;
    try {
      env = ConfigOverrides.fromEnv(sources.env());
      properties = ConfigOverrides.fromSystemProperties(sources.systemProperties());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    return confLayer(vertx, sources).compose(conf -> read(vertx, conf, env, properties));
  }

  private static Future<ConfLayer> confLayer(Vertx vertx, ConfigSources sources) {
    if (!sources.conf().isEmpty()) {
      return Future.succeededFuture(new ConfLayer(DEPLOYMENT_CONFIG, json(sources.conf())));
    }
    String path = sources.defaultFile().toString();
    return vertx.fileSystem().exists(path)
      .recover(err -> Future.failedFuture(new ConfigException(path + ": cannot read: " + reason(err))))
      .map(exists -> exists ? new ConfLayer(path, file(path)) : new ConfLayer(null, null));
  }

  private static Future<JsonObject> read(Vertx vertx, ConfLayer conf, JsonObject env, JsonObject properties) {
    LOG.debug("configuration: defaults < {} < NETECHO_* < netecho.*", conf.name() == null ? "no conf layer" : conf.name());
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
      .setIncludeDefaultStores(false)
      .setScanPeriod(0)
      .addStore(json(NetEchoConfig.normalized(new JsonObject())));
    if (conf.store() != null) {
      options.addStore(conf.store());
    }
    options.addStore(json(env)).addStore(json(properties));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
      .recover(err -> Future.failedFuture(conf.unreadable(err)))
      .eventually(retriever::close)
      .map(conf::validate);
  }

  private static ConfigStoreOptions json(JsonObject layer) {
    return new ConfigStoreOptions().setType("json").setConfig(layer);
  }

  private static ConfigStoreOptions file(String path) {
    return new ConfigStoreOptions().setType("file").setFormat("json").setConfig(new JsonObject().put("path", path));
  }

  /** The conf layer: its name for messages (null when absent) and its store (null when absent). */
  private record ConfLayer(String name, ConfigStoreOptions store) {

    /** Every key of the merge, checked as {@link NetEchoConfig#fromJson} checks them, rules across keys included. */
    JsonObject validate(JsonObject merged) {
      try {
        NetEchoConfig.fromJson(merged);
        return NetEchoConfig.normalized(merged);
      } catch (ConfigException e) {
        throw name == null ? e : new ConfigException(name + ": " + e.getMessage());
      }
    }

    ConfigException unreadable(Throwable err) {
      if (err instanceof ConfigException known) {
        return known;
      }
      String where = name == null ? "configuration" : name;
      if (err instanceof DecodeException) {
        return new ConfigException(where + ": not valid JSON: " + reason(err));
      }
      if (err instanceof FileSystemException) {
        return new ConfigException(where + ": cannot read: " + reason(err));
      }
      return new ConfigException(where + ": could not be read: " + reason(err));
    }
  }

  /** The innermost message on one short line, without Jackson's source location boilerplate. */
  private static String reason(Throwable err) {
    String message = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    // the innermost cause that has a message
    for (Throwable cause : Causes.of(err)) {
      message = cause.getMessage() == null ? message : cause.getMessage();
    }
    message = switch (message) {
      case "Failed to decode" -> "the top level must be an object";
      case "Unexpected token" -> "empty, or no JSON value";
      default -> message
        .replaceFirst("^Failed to decode:\\s*", "")
        .replaceAll("\\s*\\(for root starting at \\[Source: [^\\]]*\\]\\)", "")
        .replace("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')", "a JSON value")
        .replaceAll("\\s*at \\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", " at line $1, column $2")
        .replaceAll("\\s+", " ")
        .trim();
    };
    return OneLine.shorten(message, 140);
  }
}
