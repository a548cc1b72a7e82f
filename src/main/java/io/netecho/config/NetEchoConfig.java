package io.netecho.config;

import io.netecho.log.LogFormat;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * The validated, immutable configuration of one process; the keys, defaults and checks are those of
 * {@link ConfigSchema} (SPEC §3). Handlers read this record, never raw JSON.
 */
public record NetEchoConfig(String host, int port, boolean allowHalfOpen, Reply reply, Log log,
                            int idleTimeoutSeconds, int maxConnections, int writeQueueMaxBytes, Tls tls, Udp udp,
                            Admin admin, int shutdownGraceSeconds, Cluster cluster) {

  /** What is put before every echoed chunk, and how long each reply waits. */
  public record Reply(String prefix, int delayMs) {
  }

  /** Whether each received chunk is logged, and how much of it; the console's line format. */
  public record Log(boolean data, int maxDataChars, LogFormat format) {
  }

  /**
   * TLS server; the PEM paths are null when not configured. Whether the files exist and fit
   * together is checked when the server starts, not here.
   */
  public record Tls(boolean enabled, String certPath, String keyPath, ClientAuth clientAuth, String caPath,
                    int reloadSeconds) {
  }

  /** UDP datagram echo. */
  public record Udp(boolean enabled, int port) {
  }

  /** HTTP admin endpoint; the token is null when none is configured. */
  public record Admin(boolean enabled, String host, int port, String token) {
  }

  /** Hazelcast cluster; each member is a trimmed, non-empty {@code host[:port]}. */
  public record Cluster(String name, List<String> members, String host, int port) {

    public Cluster {
      members = List.copyOf(members);
    }
  }

  private static final NetEchoConfig DEFAULTS = fromJson(new JsonObject());

  /** The built-in defaults, SPEC §3. */
  public static NetEchoConfig defaults() {
    return DEFAULTS;
  }

  /**
   * Validates a merged JSON config (nested objects, strict types, no unknown keys); absent keys take
   * their defaults.
   *
   * @throws ConfigException naming the first bad key and its value
   */
  public static NetEchoConfig fromJson(JsonObject merged) {
    ConfigSchema.Values v = ConfigSchema.validate(merged);
    return new NetEchoConfig(
        v.string("host"),
        v.integer("port"),
        v.bool("allowHalfOpen"),
        new Reply(v.string("reply.prefix"), v.integer("reply.delayMs")),
        new Log(v.bool("log.data"), v.integer("log.maxDataChars"),
            LogFormat.valueOf(v.string("log.format").toUpperCase(Locale.ROOT))),
        v.integer("idleTimeoutSeconds"),
        v.integer("maxConnections"),
        v.integer("writeQueueMaxBytes"),
        new Tls(v.bool("tls.enabled"), v.string("tls.certPath"), v.string("tls.keyPath"),
            ClientAuth.valueOf(v.string("tls.clientAuth").toUpperCase(Locale.ROOT)), v.string("tls.caPath"),
            v.integer("tls.reloadSeconds")),
        new Udp(v.bool("udp.enabled"), v.integer("udp.port")),
        new Admin(v.bool("admin.enabled"), v.string("admin.host"), v.integer("admin.port"), v.string("admin.token")),
        v.integer("shutdownGraceSeconds"),
        new Cluster(v.string("cluster.name"), ConfigSchema.members(v.string("cluster.members")),
            v.string("cluster.host"), v.integer("cluster.port")));
  }

  /** Every key, nested as in the JSON layers; {@code fromJson(c.toJson())} equals {@code c}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ConfigSchema.put(json, "host", host);
    ConfigSchema.put(json, "port", port);
    ConfigSchema.put(json, "allowHalfOpen", allowHalfOpen);
    ConfigSchema.put(json, "reply.prefix", reply.prefix());
    ConfigSchema.put(json, "reply.delayMs", reply.delayMs());
    ConfigSchema.put(json, "log.data", log.data());
    ConfigSchema.put(json, "log.maxDataChars", log.maxDataChars());
    ConfigSchema.put(json, "log.format", log.format().name().toLowerCase(Locale.ROOT));
    ConfigSchema.put(json, "idleTimeoutSeconds", idleTimeoutSeconds);
    ConfigSchema.put(json, "maxConnections", maxConnections);
    ConfigSchema.put(json, "writeQueueMaxBytes", writeQueueMaxBytes);
    ConfigSchema.put(json, "tls.enabled", tls.enabled());
    ConfigSchema.put(json, "tls.certPath", tls.certPath());
    ConfigSchema.put(json, "tls.keyPath", tls.keyPath());
    ConfigSchema.put(json, "tls.clientAuth", tls.clientAuth().name().toLowerCase(Locale.ROOT));
    ConfigSchema.put(json, "tls.caPath", tls.caPath());
    ConfigSchema.put(json, "tls.reloadSeconds", tls.reloadSeconds());
    ConfigSchema.put(json, "udp.enabled", udp.enabled());
    ConfigSchema.put(json, "udp.port", udp.port());
    ConfigSchema.put(json, "admin.enabled", admin.enabled());
    ConfigSchema.put(json, "admin.host", admin.host());
    ConfigSchema.put(json, "admin.port", admin.port());
    ConfigSchema.put(json, "admin.token", admin.token());
    ConfigSchema.put(json, "shutdownGraceSeconds", shutdownGraceSeconds);
    ConfigSchema.put(json, "cluster.name", cluster.name());
    ConfigSchema.put(json, "cluster.members", String.join(",", cluster.members()));
    ConfigSchema.put(json, "cluster.host", cluster.host());
    ConfigSchema.put(json, "cluster.port", cluster.port());
    return json;
  }
}
