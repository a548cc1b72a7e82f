package io.netecho.config;

import io.netecho.faults.FaultProfile;
import io.netecho.log.LogFormat;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * The validated, immutable configuration of one process; the keys, defaults and checks are those of
 * {@link ConfigSchema} (SPEC §3). Handlers read this record, never raw JSON.
 */
public record NetEchoConfig(String host, int port, boolean allowHalfOpen, Reply reply, Log log,
                            int idleTimeoutSeconds, int maxConnections, int writeQueueMaxBytes, Tls tls, Udp udp,
                            Admin admin, int shutdownGraceSeconds, Cluster cluster,
                            int shutdownDelaySeconds, String adminTokenFile, Http http, Info info,
                            ProxyProtocol proxyProtocol, FaultProfile faults,
                            List<Listener> listeners, UdpLimits udpLimits, int maxConnectionsPerIp, String tlsCiphers,
                            ClusterTls clusterTls, int broadcastRatePerSecond) {


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
  public record Cluster(String name, List<String> members, String host, int port, Join join) {

    public Cluster {
      members = List.copyOf(members);
    }

    /** Joining by the member list, as before {@code cluster.join} existed. */
    public Cluster(String name, List<String> members, String host, int port) {
      this(name, members, host, port, Join.TCP);
    }
  }

  /**
   * How a node finds the others ({@code cluster.join}): the {@code cluster.members} list, or Hazelcast's
   * Kubernetes discovery, which looks up the pods behind a headless Service by its DNS name.
   */
  public record Join(Method method, String kubernetesServiceDns) {

    public static final Join TCP = new Join(Method.TCP, null);

    public enum Method { TCP, KUBERNETES }

    public Join {
      if (method == Method.KUBERNETES && kubernetesServiceDns == null) {
        throw new ConfigException("cluster.kubernetes.serviceDns: required when cluster.join is kubernetes"
          + " (the DNS name of the pods' headless Service)");
      }
    }
  }

  /** Where the UDP echo binds (null: {@code host}) and how many datagrams it answers, per source and in all. */
  public record UdpLimits(String host, int ratePerSecond, int burst, int globalRatePerSecond) {
  }

  /** Event-bus TLS between cluster nodes; the paths are null when not configured. */
  public record ClusterTls(String certPath, String keyPath, String caPath, boolean insecure) {

    /** True when any of the three files is set: then all three are required. */
    public boolean configured() {
      return certPath != null || keyPath != null || caPath != null;
    }
  }

  /** HTTP echo, WebSocket echo and {@code GET /info}; the host is null when it is {@code host}'s. */
  public record Http(boolean enabled, String host, int port, int maxBodyBytes, int maxWebSocketMessageBytes) {
  }

  /** TCP info port: one JSON line about the connection, then our FIN. */
  public record Info(boolean enabled, int port) {
  }

  /** PROXY protocol v1/v2 header expected before anything else; 0 ms = no time limit. */
  public record ProxyProtocol(boolean enabled, int timeoutMs) {
  }

  /** Where the HTTP echo listens: {@code http.host}, or {@code host} when none is set. */
  public String httpHost() {
    return http.host() != null ? http.host() : host;
  }

  public NetEchoConfig {
    if (admin.token() != null && adminTokenFile != null) {
      throw new ConfigException("admin.token and admin.tokenFile are both set; set only one");
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
            v.string("cluster.host"), v.integer("cluster.port"),
            new Join(Join.Method.valueOf(v.string("cluster.join").toUpperCase(Locale.ROOT)),
                v.string("cluster.kubernetes.serviceDns"))),
        v.integer("shutdownDelaySeconds"),
        v.string("admin.tokenFile"),
        new Http(v.bool("http.enabled"), v.string("http.host"), v.integer("http.port"), v.integer("http.maxBodyBytes"),
            v.integer("http.maxWebSocketMessageBytes")),
        new Info(v.bool("info.enabled"), v.integer("info.port")),
        new ProxyProtocol(v.bool("proxyProtocol"), v.integer("proxyProtocolTimeoutMs")),

        faults(v),
        Listener.fromJson(v.array("listeners"), v.integer("port")),
        // security settings
        new UdpLimits(v.string("udp.host"), v.integer("udp.ratePerSecond"), v.integer("udp.burst"),
            v.integer("udp.globalRatePerSecond")),
        v.integer("maxConnectionsPerIp"),
        v.string("tls.ciphers"),
        new ClusterTls(v.string("cluster.tls.certPath"), v.string("cluster.tls.keyPath"),
            v.string("cluster.tls.caPath"), v.bool("cluster.insecure")),
        v.integer("broadcast.ratePerSecond"));
  }

  /** The {@code faults} section: what the main port deals to new connections at start. */
  private static FaultProfile faults(ConfigSchema.Values v) {
    return new FaultProfile(
        new FaultProfile.Latency(v.integer("faults.latency.ms"), v.integer("faults.latency.jitterMs"),
            v.number("faults.latency.toxicity")),
        new FaultProfile.Bandwidth(v.integer("faults.bandwidth.bytesPerSecond"), v.number("faults.bandwidth.toxicity")),
        new FaultProfile.Slicer(v.integer("faults.slicer.sliceBytes"), v.integer("faults.slicer.sliceDelayMs"),
            v.number("faults.slicer.toxicity")),
        cutoff(v, "faults.close."),
        cutoff(v, "faults.reset."),
        new FaultProfile.Delay(v.integer("faults.slowClose.ms"), v.number("faults.slowClose.toxicity")),
        new FaultProfile.Delay(v.integer("faults.timeout.ms"), v.number("faults.timeout.toxicity")));
  }

  private static FaultProfile.Cutoff cutoff(ConfigSchema.Values v, String section) {
    return new FaultProfile.Cutoff(v.integer(section + "afterBytes"), v.integer(section + "afterMs"),
        v.number(section + "toxicity"));
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
    ConfigSchema.put(json, "admin.tokenFile", adminTokenFile);
    ConfigSchema.put(json, "shutdownDelaySeconds", shutdownDelaySeconds);
    ConfigSchema.put(json, "http.enabled", http.enabled());
    ConfigSchema.put(json, "http.host", http.host());
    ConfigSchema.put(json, "http.port", http.port());
    ConfigSchema.put(json, "http.maxBodyBytes", http.maxBodyBytes());
    ConfigSchema.put(json, "http.maxWebSocketMessageBytes", http.maxWebSocketMessageBytes());
    ConfigSchema.put(json, "info.enabled", info.enabled());
    ConfigSchema.put(json, "info.port", info.port());
    ConfigSchema.put(json, "proxyProtocol", proxyProtocol.enabled());
    ConfigSchema.put(json, "proxyProtocolTimeoutMs", proxyProtocol.timeoutMs());
    json.put("faults", faults.toJson());
    json.put("listeners", new JsonArray(listeners.stream().map(Listener::toJson).toList()));
    // security settings
    ConfigSchema.put(json, "udp.host", udpLimits.host());
    ConfigSchema.put(json, "udp.ratePerSecond", udpLimits.ratePerSecond());
    ConfigSchema.put(json, "udp.burst", udpLimits.burst());
    ConfigSchema.put(json, "udp.globalRatePerSecond", udpLimits.globalRatePerSecond());
    ConfigSchema.put(json, "maxConnectionsPerIp", maxConnectionsPerIp);
    ConfigSchema.put(json, "tls.ciphers", tlsCiphers);
    ConfigSchema.put(json, "cluster.tls.certPath", clusterTls.certPath());
    ConfigSchema.put(json, "cluster.tls.keyPath", clusterTls.keyPath());
    ConfigSchema.put(json, "cluster.tls.caPath", clusterTls.caPath());
    ConfigSchema.put(json, "cluster.insecure", clusterTls.insecure());
    ConfigSchema.put(json, "broadcast.ratePerSecond", broadcastRatePerSecond);
    ConfigSchema.put(json, "cluster.join", cluster.join().method().name().toLowerCase(Locale.ROOT));
    ConfigSchema.put(json, "cluster.kubernetes.serviceDns", cluster.join().kubernetesServiceDns());
    return json;
  }
}
