package io.netecho.config;

import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.netecho.config.ConfigKey.Type.ARRAY;
import static io.netecho.config.ConfigKey.Type.BOOLEAN;
import static io.netecho.config.ConfigKey.Type.INT;
import static io.netecho.config.ConfigKey.Type.NULLABLE_STRING;
import static io.netecho.config.ConfigKey.Type.NUMBER;
import static io.netecho.config.ConfigKey.Type.STRING;

/**
 * Every configuration key, described once, in the order docs/configuration.md and {@code --help} list them:
 * path, type, default, allowed values and meaning. Code names a key by its constant, never by its
 * path, so the record, the JSON, the environment names and the configuration table cannot drift apart.
 */
public final class ConfigKeys {

  /** The shortest admin token, counted after trimming whitespace (as the token is compared). */
  public static final int ADMIN_TOKEN_MIN_CHARS = 16;

  // filled by key() as the constants below are initialised, so their order is the table's
  private static final List<ConfigKey> DECLARED = new ArrayList<>();

  // the echo: where it listens and what it answers (Node's net.createServer and socket options)
  public static final ConfigKey HOST = key("host", STRING, "0.0.0.0", Rule.NON_EMPTY,
    "listen address");
  public static final ConfigKey PORT = key("port", INT, 8124, Rule.PORT,
    "TCP port (0 = ephemeral; the chosen port is printed)");
  public static final ConfigKey ALLOW_HALF_OPEN = key("allowHalfOpen", BOOLEAN, false, Rule.ANY,
    "Node's option of the same name: keep writing after the client's FIN");
  public static final ConfigKey REPLY_PREFIX = key("reply.prefix", STRING, "Repeating: ", Rule.ANY,
    "bytes (UTF-8) put before every echoed chunk; \"\" = pure RFC 862 echo");
  public static final ConfigKey REPLY_DELAY_MS = key("reply.delayMs", INT, 0, Rule.atLeast(0),
    "wait this long before writing each reply (latency injection)");
  public static final ConfigKey IDLE_TIMEOUT_SECONDS = key("idleTimeoutSeconds", INT, 0, Rule.atLeast(0),
    "close a connection idle this long (Node socket.setTimeout); 0 = never");
  public static final ConfigKey MAX_CONNECTIONS = key("maxConnections", INT, 0, Rule.atLeast(0),
    "Node server.maxConnections: over it, new connections are closed at once; 0 = no limit");
  public static final ConfigKey MAX_CONNECTIONS_PER_IP = key("maxConnectionsPerIp", INT, 0, Rule.atLeast(0),
    "connections per client address, across instances; over it, new ones are closed at once; 0 = no limit");
  public static final ConfigKey WRITE_QUEUE_MAX_BYTES = key("writeQueueMaxBytes", INT, 1048576, Rule.atLeast(1),
    "per-connection bound on unsent reply bytes; above it the server stops reading that client until the queue drains");
  public static final ConfigKey REUSE_PORT = key("reusePort", BOOLEAN, false, Rule.ANY,
    "SO_REUSEPORT on the echo port: several processes on one host listen on the same port and the kernel "
      + "spreads connections over them");
  public static final ConfigKey PROXY_PROTOCOL = key("proxyProtocol", BOOLEAN, false, Rule.ANY,
    "expect a PROXY protocol v1/v2 header on the echo and info ports; the client address comes from it");
  public static final ConfigKey PROXY_PROTOCOL_TIMEOUT_MS = key("proxyProtocolTimeoutMs", INT, 10000, Rule.atLeast(0),
    "close a connection whose PROXY header is not complete this long after it connected; 0 = wait forever");
  public static final ConfigKey SHUTDOWN_GRACE_SECONDS = key("shutdownGraceSeconds", INT, 10, Rule.atLeast(0),
    "graceful-stop budget");
  public static final ConfigKey SHUTDOWN_DELAY_SECONDS = key("shutdownDelaySeconds", INT, 0, Rule.atLeast(0),
    "on SIGTERM, report not ready (/health/ready 503) this long before the drain starts");

  // the console log (docs/logging.md)
  public static final ConfigKey LOG_DATA = key("log.data", BOOLEAN, true, Rule.ANY,
    "log one line per received chunk, as the Node example does");
  public static final ConfigKey LOG_MAX_DATA_CHARS = key("log.maxDataChars", INT, 200, Rule.atLeast(1),
    "longer chunk text is cut in the log line (never on the wire)");
  public static final ConfigKey LOG_FORMAT = key("log.format", STRING, "text", Rule.oneOf("text", "json"),
    "console log lines as text, or one JSON object per line (docs/logging.md)");

  // TLS on the echo, the extra listeners, the HTTP echo and the info port (docs/tls-udp.md)
  public static final ConfigKey TLS_ENABLED = key("tls.enabled", BOOLEAN, false, Rule.ANY,
    "serve TLS (PEM files; scripts/gen-cert makes a self-signed pair)");
  public static final ConfigKey TLS_CERT_PATH = key("tls.certPath", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "PEM file: the server certificate, then any intermediates");
  public static final ConfigKey TLS_KEY_PATH = key("tls.keyPath", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "PEM file: the certificate's private key (RSA or EC)");
  public static final ConfigKey TLS_CLIENT_AUTH = key("tls.clientAuth",
    STRING, "none", Rule.oneOf("none", "request", "required"),
    "ask clients for a certificate (request: optional) that chains to tls.caPath");
  public static final ConfigKey TLS_CA_PATH = key("tls.caPath", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "PEM file of the CA certificates a client certificate must chain to");
  public static final ConfigKey TLS_RELOAD_SECONDS = key("tls.reloadSeconds", INT, 5, Rule.atLeast(0),
    "check the PEM files this often; changed ones serve new connections without a restart; 0 = never");
  public static final ConfigKey TLS_CIPHERS = key("tls.ciphers", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "comma-separated JSSE cipher suites for TLS 1.2; none = ECDHE with AES-GCM or ChaCha20-Poly1305 (TLS "
      + "1.3 keeps its own)");
  public static final ConfigKey TLS_BAD_CERTIFICATES = key("tls.badCertificates", BOOLEAN, false, Rule.ANY,
    "HTTPS ports whose certificates fail on purpose, made at start: expired, not yet valid, wrong host, "
      + "self-signed, unknown root, incomplete chain, RSA-1024, client certificate required (docs/tls-udp.md)");
  public static final ConfigKey TLS_BAD_CERTIFICATES_PORT = key("tls.badCertificatesPort", INT, 0, Rule.PORT,
    "first of the 8 bad-certificate ports, which follow one another (0 = ephemeral ports; each is logged)");

  // UDP echo (docs/tls-udp.md, docs/security.md)
  public static final ConfigKey UDP_ENABLED = key("udp.enabled", BOOLEAN, false, Rule.ANY,
    "UDP datagram echo, one socket per process (never answers ports below 1024, its own port, or an echo of an echo)");
  public static final ConfigKey UDP_HOST = key("udp.host", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "UDP bind address; none = the host value");
  public static final ConfigKey UDP_PORT = key("udp.port", INT, 8124, Rule.PORT,
    "UDP port (0 = ephemeral; the chosen port is logged)");
  public static final ConfigKey UDP_RATE_PER_SECOND = key("udp.ratePerSecond", INT, 100, Rule.atLeast(0),
    "datagrams answered per second per source address (token bucket); 0 = no limit");
  public static final ConfigKey UDP_BURST = key("udp.burst", INT, 200, Rule.atLeast(1),
    "datagrams a source may send at once before its rate applies");
  public static final ConfigKey UDP_GLOBAL_RATE_PER_SECOND = key("udp.globalRatePerSecond", INT, 10000, Rule.atLeast(0),
    "datagrams answered per second over all sources; 0 = no limit");

  // HTTP and WebSocket echo, info port (docs/http.md)
  public static final ConfigKey HTTP_ENABLED = key("http.enabled", BOOLEAN, false, Rule.ANY,
    "HTTP echo (Node's http.createServer) with a WebSocket echo at /ws and GET /info");
  public static final ConfigKey HTTP_HOST = key("http.host", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "HTTP echo listen address; none = the value of host");
  public static final ConfigKey HTTP_PORT = key("http.port", INT, 8080, Rule.PORT,
    "HTTP echo port (0 = ephemeral; the chosen port is logged)");
  public static final ConfigKey HTTP_MAX_BODY_BYTES = key("http.maxBodyBytes", INT, 1048576, Rule.atLeast(0),
    "largest request body the HTTP echo takes; above it the answer is 413");
  public static final ConfigKey HTTP_MAX_WEBSOCKET_MESSAGE_BYTES = key("http.maxWebSocketMessageBytes",
    INT, 1048576, Rule.atLeast(1),
    "largest WebSocket message (fragments reassembled); above it the WebSocket is closed with 1009");
  public static final ConfigKey HTTP_MAX_DELAY_MS = key("http.maxDelayMs", INT, 10000, Rule.atLeast(0),
    "longest delay the HTTP echo waits when asked (/delay/{seconds}, delay=); above it the answer is 400");
  public static final ConfigKey HTTP_MAX_GENERATED_BYTES = key("http.maxGeneratedBytes", INT, 10485760, Rule.atLeast(0),
    "largest body the HTTP echo makes up when asked (/bytes/{n}, /stream-bytes/{n}, size=); above it the answer is 400");
  public static final ConfigKey HTTP_MAX_REDIRECTS = key("http.maxRedirects", INT, 100, Rule.atLeast(0),
    "longest redirect chain /redirect/{n} starts; above it the answer is 400");
  public static final ConfigKey HTTP_MAX_CONCURRENT_STREAMS = key("http.maxConcurrentStreams", INT, 100, Rule.atLeast(1),
    "HTTP/2 streams a client may have open at once on one connection of the HTTP echo (SETTINGS_MAX_CONCURRENT_STREAMS)");
  public static final ConfigKey HTTP_CORS = key("http.cors", BOOLEAN, false, Rule.ANY,
    "CORS headers on every HTTP echo answer, preflights answered 204 (without it: only when the query has cors)");
  public static final ConfigKey HTTP_GRPC = key("http.grpc", BOOLEAN, true, Rule.ANY,
    "gRPC echo (netecho.v1.Echo, health, reflection) on the HTTP echo port for content-type application/grpc*; "
      + "off: those requests are echoed as HTTP");
  public static final ConfigKey INFO_ENABLED = key("info.enabled", BOOLEAN, false, Rule.ANY,
    "TCP info port: each connection gets one JSON line about itself (address, TLS, time), then our FIN");
  public static final ConfigKey INFO_PORT = key("info.port", INT, 8126, Rule.PORT,
    "TCP info port (0 = ephemeral; the chosen port is logged)");

  // admin endpoint (docs/admin.md)
  public static final ConfigKey ADMIN_ENABLED = key("admin.enabled", BOOLEAN, true, Rule.ANY,
    "HTTP admin endpoint (/health, /stats, /metrics, /broadcast)");
  public static final ConfigKey ADMIN_HOST = key("admin.host", STRING, "127.0.0.1", Rule.NON_EMPTY,
    "admin listen address");
  public static final ConfigKey ADMIN_PORT = key("admin.port", INT, 8125, Rule.PORT,
    "admin TCP port");
  public static final ConfigKey ADMIN_TOKEN = key("admin.token",
    NULLABLE_STRING, null, Rule.secret(ADMIN_TOKEN_MIN_CHARS),
    "bearer token POST /broadcast requires; none = 403");
  public static final ConfigKey ADMIN_TOKEN_FILE = key("admin.tokenFile", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "file holding the admin token, read once at start, whitespace trimmed; instead of admin.token");
  public static final ConfigKey BROADCAST_RATE_PER_SECOND = key("broadcast.ratePerSecond", INT, 100, Rule.atLeast(0),
    "broadcasts a node accepts per second (POST /broadcast: 429 over it; the event bus: dropped); 0 = no limit");

  // cluster (docs/cluster.md)
  public static final ConfigKey CLUSTER_NAME = key("cluster.name", STRING, "net-echo", Rule.NON_EMPTY,
    "Hazelcast cluster name (nodes with another name never join)");
  public static final ConfigKey CLUSTER_JOIN = key("cluster.join", STRING, "tcp", Rule.oneOf("tcp", "kubernetes"),
    "how a node finds the others: tcp (the cluster.members list) or kubernetes (Hazelcast's Kubernetes "
      + "discovery by DNS)");
  public static final ConfigKey CLUSTER_MEMBERS = key("cluster.members", STRING, "127.0.0.1", ClusterMembers.RULE,
    "members to join by TCP/IP");
  public static final ConfigKey CLUSTER_KUBERNETES_SERVICE_DNS = key("cluster.kubernetes.serviceDns",
    NULLABLE_STRING, null, Rule.NON_EMPTY,
    "with cluster.join=kubernetes: the DNS name of the headless Service of the pods, e.g. "
      + "net-echo-cluster.default.svc.cluster.local");
  public static final ConfigKey CLUSTER_HOST = key("cluster.host", STRING, "127.0.0.1", Rule.NON_EMPTY,
    "interface Hazelcast binds");
  public static final ConfigKey CLUSTER_PORT = key("cluster.port", INT, 5701, Rule.range(1, 65535),
    "first port Hazelcast binds (auto-increments when taken)");
  public static final ConfigKey CLUSTER_TLS_CERT_PATH = key("cluster.tls.certPath",
    NULLABLE_STRING, null, Rule.NON_EMPTY,
    "PEM file: this node's certificate, signed by the cluster CA (event-bus TLS)");
  public static final ConfigKey CLUSTER_TLS_KEY_PATH = key("cluster.tls.keyPath", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "PEM file: the private key of cluster.tls.certPath");
  public static final ConfigKey CLUSTER_TLS_CA_PATH = key("cluster.tls.caPath", NULLABLE_STRING, null, Rule.NON_EMPTY,
    "PEM file: the cluster CA; the event bus talks only to nodes whose certificate it signed");
  public static final ConfigKey CLUSTER_INSECURE = key("cluster.insecure", BOOLEAN, false, Rule.ANY,
    "allow a clustered start on a non-loopback cluster.host without cluster.tls.*");

  // fault injection (docs/faults.md): each fault is off while its amount is 0
  public static final ConfigKey FAULTS_LATENCY_MS = key("faults.latency.ms", INT, 0, Rule.atLeast(0),
    "latency fault: each reply waits this much longer (on top of reply.delayMs); 0 = off");
  public static final ConfigKey FAULTS_LATENCY_JITTER_MS = key("faults.latency.jitterMs", INT, 0, Rule.atLeast(0),
    "each reply's latency varies at random by up to this much either way; replies keep their order");
  public static final ConfigKey FAULTS_LATENCY_TOXICITY = key("faults.latency.toxicity", NUMBER, 1.0, Rule.FRACTION,
    "share of new connections that get the latency");
  public static final ConfigKey FAULTS_BANDWIDTH_BYTES_PER_SECOND = key("faults.bandwidth.bytesPerSecond",
    INT, 0, Rule.atLeast(0),
    "bandwidth fault: replies leave at no more than this rate; 0 = off");
  public static final ConfigKey FAULTS_BANDWIDTH_TOXICITY = key("faults.bandwidth.toxicity", NUMBER, 1.0, Rule.FRACTION,
    "share of new connections that get the bandwidth limit");
  public static final ConfigKey FAULTS_SLICER_SLICE_BYTES = key("faults.slicer.sliceBytes", INT, 0, Rule.atLeast(0),
    "slicer fault: replies leave in pieces of at most this many bytes; 0 = off");
  public static final ConfigKey FAULTS_SLICER_SLICE_DELAY_MS = key("faults.slicer.sliceDelayMs",
    INT, 0, Rule.atLeast(0),
    "pause between two pieces of the slicer");
  public static final ConfigKey FAULTS_SLICER_TOXICITY = key("faults.slicer.toxicity", NUMBER, 1.0, Rule.FRACTION,
    "share of new connections that get the slicer");
  public static final ConfigKey FAULTS_CLOSE_AFTER_BYTES = key("faults.close.afterBytes", INT, 0, Rule.atLeast(0),
    "close fault: our FIN once this many bytes were sent (exactly that many reach the client); 0 = off");
  public static final ConfigKey FAULTS_CLOSE_AFTER_MS = key("faults.close.afterMs", INT, 0, Rule.atLeast(0),
    "close fault: our FIN this long after the connection; 0 = off");
  public static final ConfigKey FAULTS_CLOSE_TOXICITY = key("faults.close.toxicity", NUMBER, 1.0, Rule.FRACTION,
    "share of new connections that get the close fault");
  public static final ConfigKey FAULTS_RESET_AFTER_BYTES = key("faults.reset.afterBytes", INT, 0, Rule.atLeast(0),
    "reset fault: a reset (RST) once this many bytes were sent; 0 = off");
  public static final ConfigKey FAULTS_RESET_AFTER_MS = key("faults.reset.afterMs", INT, 0, Rule.atLeast(0),
    "reset fault: a reset (RST) this long after the connection; 0 = off");
  public static final ConfigKey FAULTS_RESET_TOXICITY = key("faults.reset.toxicity", NUMBER, 1.0, Rule.FRACTION,
    "share of new connections that get the reset fault");
  public static final ConfigKey FAULTS_SLOW_CLOSE_MS = key("faults.slowClose.ms", INT, 0, Rule.atLeast(0),
    "slow close fault: our FIN is held back this long; 0 = off");
  public static final ConfigKey FAULTS_SLOW_CLOSE_TOXICITY = key("faults.slowClose.toxicity",
    NUMBER, 1.0, Rule.FRACTION,
    "share of new connections that get the slow close");
  public static final ConfigKey FAULTS_TIMEOUT_MS = key("faults.timeout.ms", INT, 0, Rule.atLeast(0),
    "timeout fault: this long after the connection, stop answering (read and drop; the connection stays "
      + "open); 0 = off");
  public static final ConfigKey FAULTS_TIMEOUT_TOXICITY = key("faults.timeout.toxicity", NUMBER, 1.0, Rule.FRACTION,
    "share of new connections that get the timeout");
  public static final ConfigKey FAULTS_PORTS = key("faults.ports", ARRAY, new JsonArray().add("tcp"),
    Rule.subsetOf("tcp", "http"),
    "which ports' new connections get the faults above: \"tcp\" (the echo ports), \"http\" (the HTTP echo port)");
  public static final ConfigKey LISTENERS = key("listeners", ARRAY, new JsonArray(), Rule.ANY,
    "more echo ports, each with its own fixed fault profile: [{\"port\": N, \"faults\": {...}}]");

  private static final List<ConfigKey> KEYS = List.copyOf(DECLARED);

  static {
    Set<String> names = new HashSet<>();
    for (ConfigKey key : KEYS) {
      // a path must not differ from another only in case: system properties are matched in any case
      if (!names.add(key.path().toLowerCase(Locale.ROOT))) {
        throw new IllegalStateException("config keys: two keys are named " + key.path());
      }
    }
  }

  private ConfigKeys() {
  }

  /** Every key, in README order. */
  public static List<ConfigKey> all() {
    return KEYS;
  }

  private static ConfigKey key(String path, ConfigKey.Type type, Object defaultValue, Rule rule, String meaning) {
    ConfigKey key = new ConfigKey(path, type, defaultValue, rule, meaning);
    DECLARED.add(key);
    return key;
  }
}
