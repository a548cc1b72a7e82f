package io.netecho.config;

import io.netecho.faults.FaultProfile;
import io.netecho.log.LogFormat;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

import static io.netecho.config.ConfigKeys.*;

/**
 * The validated, immutable configuration of one process; the keys, defaults and checks are those of
 * {@link ConfigKeys} (SPEC §3). Handlers read this record, never raw JSON.
 */
public record NetEchoConfig(String host, int port, boolean allowHalfOpen, Reply reply, Log log,
                            int idleTimeoutSeconds, int maxConnections, int writeQueueMaxBytes, Tls tls, Udp udp,
                            Admin admin, int shutdownGraceSeconds, Cluster cluster,
                            int shutdownDelaySeconds, Http http, Info info,
                            ProxyProtocol proxyProtocol, FaultProfile faults,
                            List<Listener> listeners, int maxConnectionsPerIp,
                            int broadcastRatePerSecond, boolean reusePort) {


  /** What is put before every echoed chunk, and how long each reply waits. */
  public record Reply(String prefix, int delayMs) {
  }

  /** Whether each received chunk is logged, and how much of it; the console's line format. */
  public record Log(boolean data, int maxDataChars, LogFormat format) {
  }

  /**
   * TLS server; the PEM paths are null when not configured, and so are the ciphers when the JDK's
   * defaults are kept. Whether the files exist and fit together is checked when the server starts.
   */
  public record Tls(boolean enabled, String certPath, String keyPath, ClientAuth clientAuth, String caPath,
                    int reloadSeconds, boolean badCertificates, int badCertificatesPort, String ciphers) {

    /** Without the bad-certificate ports, with the JDK's ciphers. */
    public Tls(boolean enabled, String certPath, String keyPath, ClientAuth clientAuth, String caPath, int reloadSeconds) {
      this(enabled, certPath, keyPath, clientAuth, caPath, reloadSeconds, false, 0, null);
    }
  }

  /** UDP datagram echo, where it binds and how many datagrams it answers. */
  public record Udp(boolean enabled, int port, UdpLimits limits) {
  }

  /** HTTP admin endpoint; the token, or the file that holds it, is null when none is configured. */
  public record Admin(boolean enabled, String host, int port, String token, String tokenFile) {

    public Admin {
      if (token != null && tokenFile != null) {
        throw new ConfigException(ADMIN_TOKEN + " and " + ADMIN_TOKEN_FILE + " are both set; set only one");
      }
    }
  }

  /** Hazelcast cluster; each member is a trimmed, non-empty {@code host[:port]}. */
  public record Cluster(String name, List<String> members, String host, int port, Join join, ClusterTls tls) {

    public Cluster {
      members = List.copyOf(members);
    }

    /** Joining by the member list, without event-bus TLS. */
    public Cluster(String name, List<String> members, String host, int port) {
      this(name, members, host, port, Join.TCP, ClusterTls.NONE);
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
        throw new ConfigException(CLUSTER_KUBERNETES_SERVICE_DNS + ": required when " + CLUSTER_JOIN + " is kubernetes"
          + " (the DNS name of the pods' headless Service)");
      }
    }
  }

  /** Where the UDP echo binds (null: {@code host}) and how many datagrams it answers, per source and in all. */
  public record UdpLimits(String host, int ratePerSecond, int burst, int globalRatePerSecond) {
  }

  /** Event-bus TLS between cluster nodes; the paths are null when not configured. */
  public record ClusterTls(String certPath, String keyPath, String caPath, boolean insecure) {

    /** No files, and the event bus not exposed: what a cluster on one host needs. */
    public static final ClusterTls NONE = new ClusterTls(null, null, null, false);

    /** True when any of the three files is set: then all three are required. */
    public boolean configured() {
      return certPath != null || keyPath != null || caPath != null;
    }
  }

  /** HTTP echo, WebSocket echo and {@code GET /info}; the host is null when it is {@code host}'s. */
  public record Http(boolean enabled, String host, int port, int maxBodyBytes, int maxWebSocketMessageBytes,
                     int maxDelayMs, int maxGeneratedBytes, int maxRedirects, int maxConcurrentStreams, boolean cors,
                     boolean grpc) {
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
    ConfigValues v = ConfigValues.validate(merged);
    return new NetEchoConfig(
      v.string(HOST),
      v.integer(PORT),
      v.bool(ALLOW_HALF_OPEN),
      new Reply(v.string(REPLY_PREFIX), v.integer(REPLY_DELAY_MS)),
      new Log(v.bool(LOG_DATA), v.integer(LOG_MAX_DATA_CHARS), LogFormat.valueOf(upper(v.string(LOG_FORMAT)))),
      v.integer(IDLE_TIMEOUT_SECONDS),
      v.integer(MAX_CONNECTIONS),
      v.integer(WRITE_QUEUE_MAX_BYTES),
      new Tls(v.bool(TLS_ENABLED), v.string(TLS_CERT_PATH), v.string(TLS_KEY_PATH),
        ClientAuth.valueOf(upper(v.string(TLS_CLIENT_AUTH))), v.string(TLS_CA_PATH), v.integer(TLS_RELOAD_SECONDS),
        v.bool(TLS_BAD_CERTIFICATES), v.integer(TLS_BAD_CERTIFICATES_PORT), v.string(TLS_CIPHERS)),
      new Udp(v.bool(UDP_ENABLED), v.integer(UDP_PORT), new UdpLimits(v.string(UDP_HOST), v.integer(UDP_RATE_PER_SECOND),
        v.integer(UDP_BURST), v.integer(UDP_GLOBAL_RATE_PER_SECOND))),
      new Admin(v.bool(ADMIN_ENABLED), v.string(ADMIN_HOST), v.integer(ADMIN_PORT), v.string(ADMIN_TOKEN),
        v.string(ADMIN_TOKEN_FILE)),
      v.integer(SHUTDOWN_GRACE_SECONDS),
      new Cluster(v.string(CLUSTER_NAME), ClusterMembers.parse(v.string(CLUSTER_MEMBERS)), v.string(CLUSTER_HOST),
        v.integer(CLUSTER_PORT),
        new Join(Join.Method.valueOf(upper(v.string(CLUSTER_JOIN))), v.string(CLUSTER_KUBERNETES_SERVICE_DNS)),
        new ClusterTls(v.string(CLUSTER_TLS_CERT_PATH), v.string(CLUSTER_TLS_KEY_PATH), v.string(CLUSTER_TLS_CA_PATH),
          v.bool(CLUSTER_INSECURE))),
      v.integer(SHUTDOWN_DELAY_SECONDS),
      new Http(v.bool(HTTP_ENABLED), v.string(HTTP_HOST), v.integer(HTTP_PORT), v.integer(HTTP_MAX_BODY_BYTES),
        v.integer(HTTP_MAX_WEBSOCKET_MESSAGE_BYTES), v.integer(HTTP_MAX_DELAY_MS), v.integer(HTTP_MAX_GENERATED_BYTES),
        v.integer(HTTP_MAX_REDIRECTS),
        v.integer(HTTP_MAX_CONCURRENT_STREAMS), v.bool(HTTP_CORS), v.bool(HTTP_GRPC)),
      new Info(v.bool(INFO_ENABLED), v.integer(INFO_PORT)),
      new ProxyProtocol(v.bool(PROXY_PROTOCOL), v.integer(PROXY_PROTOCOL_TIMEOUT_MS)),
      FaultsSection.read(v),
      Listener.fromJson(v.array(LISTENERS), v.integer(PORT)),
      v.integer(MAX_CONNECTIONS_PER_IP),
      v.integer(BROADCAST_RATE_PER_SECOND),
      v.bool(REUSE_PORT));
  }

  /**
   * Every key of a merged JSON config with its value, or its default when absent: what
   * {@link #fromJson} reads, checked the same way, as JSON (a deployment's config, say).
   * {@code fromJson(normalized(j))} equals {@code fromJson(j)}.
   *
   * @throws ConfigException naming the first bad key and its value
   */
  public static JsonObject normalized(JsonObject merged) {
    return ConfigValues.validate(merged).toJson();
  }

  // enum-valued keys are read in any case
  private static String upper(String value) {
    return value.toUpperCase(Locale.ROOT);
  }
}
