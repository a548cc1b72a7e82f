package io.netecho.config;

import io.netecho.log.OneLine;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every configuration key, described once: path, type, default, allowed values and meaning.
 *
 * <p>Defaults, validation, the {@code NETECHO_*} / {@code netecho.*} names and the README table
 * ({@link #markdownTable()}) are all derived from {@link #keys()}, so they cannot drift apart.
 */
public final class ConfigSchema {

  /** The JSON type of a key; environment and system-property strings are converted to it. */
  public enum Type {
    STRING("string", "must be a string"),
    NULLABLE_STRING("string or null", "must be a string or null"),
    INT("integer", "must be an integer"),
    BOOLEAN("boolean", "must be true or false"),
    NUMBER("number", "must be a number"),
    ARRAY("array", "must be a JSON array");

    private final String label;
    private final String expected;

    Type(String label, String expected) {
      this.label = label;
      this.expected = expected;
    }

    /** How the README and {@code --help} name the type. */
    public String label() {
      return label;
    }

  }

  private static final Rule ANY = new Rule("any", value -> null);
  private static final Rule NON_EMPTY =
      new Rule("non-empty", value -> ((String) value).isEmpty() ? "must not be empty" : null);
  private static final Rule PORT = range(0, 65535);
  private static final Rule FRACTION = fraction();
  private static final Rule MEMBERS = new Rule("comma-separated host[:port], port 1..65535",
      value -> membersProblem((String) value));
  /** The shortest admin token, counted after trimming whitespace (as the token is compared). */
  public static final int MIN_TOKEN_CHARS = 16;
  private static final Rule TOKEN = new Rule("at least " + MIN_TOKEN_CHARS + " characters",
      value -> tokenProblem((String) value));

  private static final List<Key> KEYS = List.of(
      key("host", Type.STRING, "0.0.0.0", NON_EMPTY, "listen address"),
      key("port", Type.INT, 8124, PORT, "TCP port (0 = ephemeral; the chosen port is printed)"),
      key("allowHalfOpen", Type.BOOLEAN, false, ANY,
          "Node's option of the same name: keep writing after the client's FIN"),
      key("reply.prefix", Type.STRING, "Repeating: ", ANY,
          "bytes (UTF-8) put before every echoed chunk; \"\" = pure RFC 862 echo"),
      key("reply.delayMs", Type.INT, 0, atLeast(0), "wait this long before writing each reply (latency injection)"),
      key("log.data", Type.BOOLEAN, true, ANY, "log one line per received chunk, as the Node example does"),
      key("log.maxDataChars", Type.INT, 200, atLeast(1),
          "longer chunk text is cut in the log line (never on the wire)"),
      // beside the other log.* keys: toJson nests it in the "log" object, and the order follows
      key("log.format", Type.STRING, "text", oneOf("text", "json"),
          "console log lines as text, or one JSON object per line (docs/logging.md)"),
      key("idleTimeoutSeconds", Type.INT, 0, atLeast(0),
          "close a connection idle this long (Node socket.setTimeout); 0 = never"),
      key("maxConnections", Type.INT, 0, atLeast(0),
          "Node server.maxConnections: over it, new connections are closed at once; 0 = no limit"),
      key("writeQueueMaxBytes", Type.INT, 1048576, atLeast(1),
          "per-connection bound on unsent reply bytes; above it the server stops reading that client until the queue drains"),
      key("tls.enabled", Type.BOOLEAN, false, ANY, "serve TLS (PEM files; scripts/gen-cert makes a self-signed pair)"),
      key("tls.certPath", Type.NULLABLE_STRING, null, NON_EMPTY,
          "PEM file: the server certificate, then any intermediates"),
      key("tls.keyPath", Type.NULLABLE_STRING, null, NON_EMPTY, "PEM file: the certificate's private key (RSA or EC)"),
      key("tls.clientAuth", Type.STRING, "none", oneOf("none", "request", "required"),
          "ask clients for a certificate (request: optional) that chains to tls.caPath"),
      key("tls.caPath", Type.NULLABLE_STRING, null, NON_EMPTY,
          "PEM file of the CA certificates a client certificate must chain to"),
      key("tls.reloadSeconds", Type.INT, 5, atLeast(0),
          "check the PEM files this often; changed ones serve new connections without a restart; 0 = never"),
      key("udp.enabled", Type.BOOLEAN, false, ANY,
          "UDP datagram echo, one socket per process (never answers ports below 1024, its own port, "
              + "or an echo of an echo)"),
      key("udp.port", Type.INT, 8124, PORT, "UDP port (0 = ephemeral; the chosen port is logged)"),
      key("admin.enabled", Type.BOOLEAN, true, ANY, "HTTP admin endpoint (/health, /stats, /metrics, /broadcast)"),
      key("admin.host", Type.STRING, "127.0.0.1", NON_EMPTY, "admin listen address"),
      key("admin.port", Type.INT, 8125, PORT, "admin TCP port"),
      key("admin.token", Type.NULLABLE_STRING, null, TOKEN, "bearer token POST /broadcast requires; none = 403"),
      key("shutdownGraceSeconds", Type.INT, 10, atLeast(0), "graceful-stop budget"),
      key("cluster.name", Type.STRING, "net-echo", NON_EMPTY,
          "Hazelcast cluster name (nodes with another name never join)"),
      key("cluster.members", Type.STRING, "127.0.0.1", MEMBERS, "members to join by TCP/IP"),
      key("cluster.host", Type.STRING, "127.0.0.1", NON_EMPTY, "interface Hazelcast binds"),
      key("cluster.port", Type.INT, 5701, range(1, 65535), "first port Hazelcast binds (auto-increments when taken)"),
      key("admin.tokenFile", Type.NULLABLE_STRING, null, NON_EMPTY,
          "file holding the admin token, read once at start, whitespace trimmed; instead of admin.token"),
      key("shutdownDelaySeconds", Type.INT, 0, atLeast(0),
          "on SIGTERM, report not ready (/health/ready 503) this long before the drain starts"),
      key("http.enabled", Type.BOOLEAN, false, ANY,
          "HTTP echo (Node's http.createServer) with a WebSocket echo at /ws and GET /info"),
      key("http.host", Type.NULLABLE_STRING, null, NON_EMPTY, "HTTP echo listen address; none = the value of host"),
      key("http.port", Type.INT, 8080, PORT, "HTTP echo port (0 = ephemeral; the chosen port is logged)"),
      key("http.maxBodyBytes", Type.INT, 1048576, atLeast(0),
          "largest request body the HTTP echo takes; above it the answer is 413"),
      key("http.maxWebSocketMessageBytes", Type.INT, 1048576, atLeast(1),
          "largest WebSocket message (fragments reassembled); above it the WebSocket is closed with 1009"),
      key("info.enabled", Type.BOOLEAN, false, ANY,
          "TCP info port: each connection gets one JSON line about itself (address, TLS, time), then our FIN"),
      key("info.port", Type.INT, 8126, PORT, "TCP info port (0 = ephemeral; the chosen port is logged)"),
      key("proxyProtocol", Type.BOOLEAN, false, ANY,
          "expect a PROXY protocol v1/v2 header on the echo and info ports; the client address comes from it"),
      key("proxyProtocolTimeoutMs", Type.INT, 10000, atLeast(0),
          "close a connection whose PROXY header is not complete this long after it connected; 0 = wait forever"),
      // fault injection (docs/faults.md): each fault is off while its amount is 0
      key("faults.latency.ms", Type.INT, 0, atLeast(0),
          "latency fault: each reply waits this much longer (on top of reply.delayMs); 0 = off"),
      key("faults.latency.jitterMs", Type.INT, 0, atLeast(0),
          "each reply's latency varies at random by up to this much either way; replies keep their order"),
      key("faults.latency.toxicity", Type.NUMBER, 1.0, FRACTION, "share of new connections that get the latency"),
      key("faults.bandwidth.bytesPerSecond", Type.INT, 0, atLeast(0),
          "bandwidth fault: replies leave at no more than this rate; 0 = off"),
      key("faults.bandwidth.toxicity", Type.NUMBER, 1.0, FRACTION, "share of new connections that get the bandwidth limit"),
      key("faults.slicer.sliceBytes", Type.INT, 0, atLeast(0),
          "slicer fault: replies leave in pieces of at most this many bytes; 0 = off"),
      key("faults.slicer.sliceDelayMs", Type.INT, 0, atLeast(0), "pause between two pieces of the slicer"),
      key("faults.slicer.toxicity", Type.NUMBER, 1.0, FRACTION, "share of new connections that get the slicer"),
      key("faults.close.afterBytes", Type.INT, 0, atLeast(0),
          "close fault: our FIN once this many bytes were sent (exactly that many reach the client); 0 = off"),
      key("faults.close.afterMs", Type.INT, 0, atLeast(0), "close fault: our FIN this long after the connection; 0 = off"),
      key("faults.close.toxicity", Type.NUMBER, 1.0, FRACTION, "share of new connections that get the close fault"),
      key("faults.reset.afterBytes", Type.INT, 0, atLeast(0),
          "reset fault: a reset (RST) once this many bytes were sent; 0 = off"),
      key("faults.reset.afterMs", Type.INT, 0, atLeast(0), "reset fault: a reset (RST) this long after the connection; 0 = off"),
      key("faults.reset.toxicity", Type.NUMBER, 1.0, FRACTION, "share of new connections that get the reset fault"),
      key("faults.slowClose.ms", Type.INT, 0, atLeast(0), "slow close fault: our FIN is held back this long; 0 = off"),
      key("faults.slowClose.toxicity", Type.NUMBER, 1.0, FRACTION, "share of new connections that get the slow close"),
      key("faults.timeout.ms", Type.INT, 0, atLeast(0),
          "timeout fault: this long after the connection, stop answering (read and drop; the connection stays open); 0 = off"),
      key("faults.timeout.toxicity", Type.NUMBER, 1.0, FRACTION, "share of new connections that get the timeout"),
      key("listeners", Type.ARRAY, new JsonArray(), ANY,
          "more echo ports, each with its own fixed fault profile: [{\"port\": N, \"faults\": {...}}]"),
      // security settings (docs/security.md)
      key("udp.host", Type.NULLABLE_STRING, null, NON_EMPTY, "UDP bind address; none = the host value"),
      key("udp.ratePerSecond", Type.INT, 100, atLeast(0),
          "datagrams answered per second per source address (token bucket); 0 = no limit"),
      key("udp.burst", Type.INT, 200, atLeast(1), "datagrams a source may send at once before its rate applies"),
      key("udp.globalRatePerSecond", Type.INT, 10000, atLeast(0),
          "datagrams answered per second over all sources; 0 = no limit"),
      key("maxConnectionsPerIp", Type.INT, 0, atLeast(0),
          "connections per client address, across instances; over it, new ones are closed at once; 0 = no limit"),
      key("tls.ciphers", Type.NULLABLE_STRING, null, NON_EMPTY,
          "comma-separated JSSE cipher suites for TLS 1.2; none = ECDHE with AES-GCM or ChaCha20-Poly1305 "
              + "(TLS 1.3 keeps its own)"),
      key("cluster.tls.certPath", Type.NULLABLE_STRING, null, NON_EMPTY,
          "PEM file: this node's certificate, signed by the cluster CA (event-bus TLS)"),
      key("cluster.tls.keyPath", Type.NULLABLE_STRING, null, NON_EMPTY,
          "PEM file: the private key of cluster.tls.certPath"),
      key("cluster.tls.caPath", Type.NULLABLE_STRING, null, NON_EMPTY,
          "PEM file: the cluster CA; the event bus talks only to nodes whose certificate it signed"),
      key("cluster.insecure", Type.BOOLEAN, false, ANY,
          "allow a clustered start on a non-loopback cluster.host without cluster.tls.*"),
      key("broadcast.ratePerSecond", Type.INT, 100, atLeast(0),
          "broadcasts a node accepts per second (POST /broadcast: 429 over it; the event bus: dropped); 0 = no limit"),
      key("cluster.join", Type.STRING, "tcp", oneOf("tcp", "kubernetes"),
          "how a node finds the others: tcp (the cluster.members list) or kubernetes (Hazelcast's Kubernetes discovery by DNS)"),
      key("cluster.kubernetes.serviceDns", Type.NULLABLE_STRING, null, NON_EMPTY,
          "with cluster.join=kubernetes: the DNS name of the headless Service of the pods, e.g. net-echo-cluster.default.svc.cluster.local"));

  static final String ENV_PREFIX = "NETECHO_";
  static final String PROPERTY_PREFIX = "netecho.";

  private static final int MAX_SHOWN = 60;
  private static final Object WRONG_TYPE = new Object();
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
  /** Names whose values are never shown in a message: they may be secrets. */
  private static final Pattern SECRET_NAME = Pattern.compile("(?i)token|secret|passw");
  /** Unknown keys in the admin section, where a mistyped admin.token would land. */
  private static final Pattern ADMIN_SECTION = Pattern.compile("(?i)^(netecho[._])?admin([._]|$)");
  private static final String NOT_SHOWN = "(value not shown)";

  private static final Map<String, Key> BY_PATH = new HashMap<>();
  private static final Map<String, Key> BY_LOWER_PATH = new HashMap<>();
  private static final Map<String, Key> BY_ENV_SUFFIX = new HashMap<>();
  private static final Set<String> SECTIONS = new LinkedHashSet<>();

  static {
    for (Key key : KEYS) {
      unique(BY_PATH, key.path, key);
      unique(BY_LOWER_PATH, key.path.toLowerCase(Locale.ROOT), key);
      for (String name : key.envNames()) {
        unique(BY_ENV_SUFFIX, name.substring(ENV_PREFIX.length()), key);
      }
      for (int dot = key.path.indexOf('.'); dot > 0; dot = key.path.indexOf('.', dot + 1)) {
        SECTIONS.add(key.path.substring(0, dot));
      }
      key.check(key.defaultValue, problem -> new IllegalStateException("default of " + key.path + " " + problem));
    }
  }

  private ConfigSchema() {
  }

  /** Every key, in README order. */
  public static List<Key> keys() {
    return KEYS;
  }

  /** The README's configuration table, one row per key. */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder("| key | type | default | allowed | meaning |\n| --- | --- | --- | --- | --- |\n");
    for (Key key : KEYS) {
      String shown = key.defaultValue == null ? "none" : "`" + key.defaultValue + "`";
      table.append("| `").append(key.path).append("` | ").append(key.type.label).append(" | ").append(shown)
          .append(" | ").append(key.allowed()).append(" | ").append(key.meaning).append(" |\n");
    }
    return table.toString();
  }

  /** One configuration key. */
  public static final class Key {

    private final String path;
    private final Type type;
    private final Object defaultValue;
    private final Rule rule;
    private final String meaning;

    private Key(String path, Type type, Object defaultValue, Rule rule, String meaning) {
      this.path = path;
      this.type = type;
      this.defaultValue = defaultValue;
      this.rule = rule;
      this.meaning = meaning;
    }

    /** Dotted path, e.g. {@code reply.prefix}; in JSON layers each segment is a nested object. */
    public String path() {
      return path;
    }

    public Type type() {
      return type;
    }

    /** {@code String}, {@code Integer}, {@code Boolean}, {@code Double}, {@code JsonArray} or {@code null} (none). */
    public Object defaultValue() {
      return defaultValue;
    }

    /** One line for the README and {@code --help}. */
    public String meaning() {
      return meaning;
    }

    /** What values pass the key's check, e.g. {@code 0..65535}. */
    public String allowed() {
      return type == Type.NULLABLE_STRING ? rule.allowed + ", or none" : rule.allowed;
    }

    /** The environment variables that set this key: joined and snake spellings (one if equal). */
    public List<String> envNames() {
      Set<String> names = new LinkedHashSet<>();
      names.add(ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT));
      names.add(ENV_PREFIX + CAMEL_HUMP.matcher(path).replaceAll("_").replace('.', '_').toUpperCase(Locale.ROOT));
      return List.copyOf(names);
    }

    /** The system property that sets this key, e.g. {@code netecho.reply.prefix}. */
    public String systemProperty() {
      return PROPERTY_PREFIX + path;
    }

    /** Checks a value from a JSON layer; returns it as {@code String}, {@code Integer}, {@code Boolean}, {@code Double}, {@code JsonArray} or null. */
    Object fromJson(Object value) {
      return check(value, problem -> new ConfigException(path + ": " + showFor(path, true, value) + " " + problem));
    }

    /** Converts and checks an environment or system-property value given as {@code name=raw}. */
    Object fromText(String name, String raw) {
      return check(parse(raw), problem -> new ConfigException(assignment(name, raw, true) + ": " + path + " " + problem));
    }

    private Object parse(String raw) {
      return switch (type) {
        case STRING -> raw;
        case NULLABLE_STRING -> raw.isEmpty() ? null : raw;
        case INT -> INTEGER.matcher(raw.trim()).matches() ? clamp(new BigInteger(raw.trim())) : WRONG_TYPE;
        case BOOLEAN -> "true".equalsIgnoreCase(raw.trim()) ? Boolean.TRUE
            : "false".equalsIgnoreCase(raw.trim()) ? Boolean.FALSE : WRONG_TYPE;
        case NUMBER -> DECIMAL.matcher(raw.trim()).matches() ? Double.valueOf(raw.trim()) : WRONG_TYPE;
        case ARRAY -> jsonArray(raw);
      };
    }

    private static Object jsonArray(String raw) {
      try {
        return new JsonArray(raw);
      } catch (DecodeException | ClassCastException e) {
        return WRONG_TYPE;
      }
    }

    private Object check(Object value, Function<String, RuntimeException> failure) {
      Object typed = typed(value);
      if (typed == WRONG_TYPE) {
        throw failure.apply(type.expected);
      }
      String problem = typed == null ? null : rule.problem.apply(typed);
      if (problem != null) {
        throw failure.apply(problem);
      }
      return typed instanceof Long number ? Integer.valueOf(number.intValue()) : typed;
    }

    private Object typed(Object value) {
      return switch (type) {
        case STRING -> value instanceof String ? value : WRONG_TYPE;
        case NULLABLE_STRING -> value == null || value instanceof String ? value : WRONG_TYPE;
        case BOOLEAN -> value instanceof Boolean ? value : WRONG_TYPE;
        case INT -> value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
            ? Long.valueOf(((Number) value).longValue())
            : value instanceof BigInteger big ? clamp(big) : WRONG_TYPE;
        case NUMBER -> value instanceof Number number ? Double.valueOf(number.doubleValue()) : WRONG_TYPE;
        case ARRAY -> value instanceof JsonArray ? value : WRONG_TYPE;
      };
    }
  }

  /** What a key accepts beyond its type: a README text and a check giving the problem, or null. */
  private record Rule(String allowed, Function<Object, String> problem) {
  }

  /** The validated values of a JSON config, by path, defaults filled in. */
  static final class Values {

    private final Map<String, Object> byPath;

    private Values(Map<String, Object> byPath) {
      this.byPath = byPath;
    }

    String string(String path) {
      return (String) get(path, Type.STRING, Type.NULLABLE_STRING);
    }

    int integer(String path) {
      return (Integer) get(path, Type.INT);
    }

    boolean bool(String path) {
      return (Boolean) get(path, Type.BOOLEAN);
    }

    double number(String path) {
      return (Double) get(path, Type.NUMBER);
    }

    JsonArray array(String path) {
      return (JsonArray) get(path, Type.ARRAY);
    }

    private Object get(String path, Type... types) {
      Key key = BY_PATH.get(path);
      if (key == null || !List.of(types).contains(key.type)) {
        throw new IllegalStateException("no " + List.of(types) + " key " + path + " in the schema");
      }
      return byPath.get(path);
    }
  }

  /**
   * Validates a JSON config (nested objects, strict types, no unknown keys) and fills in defaults.
   *
   * @throws ConfigException naming the first bad key and its value
   */
  static Values validate(JsonObject json) {
    Map<String, Object> values = new LinkedHashMap<>();
    KEYS.forEach(key -> values.put(key.path, key.defaultValue));
    walk(json, "", values);
    return new Values(values);
  }

  private static void walk(JsonObject json, String prefix, Map<String, Object> values) {
    for (String name : json.fieldNames()) {
      String path = prefix + name;
      Object value = json.getValue(name);
      if (name.contains(".")) {
        throw new ConfigException(shorten(escape(path)) + ": unknown key (value " + showFor(path, false, value)
            + "; nest objects instead of dotted names)");
      } else if (BY_PATH.containsKey(path)) {
        values.put(path, BY_PATH.get(path).fromJson(value));
      } else if (!SECTIONS.contains(path)) {
        throw new ConfigException(shorten(escape(path)) + ": unknown key (value " + showFor(path, false, value) + ")");
      } else if (value instanceof JsonObject section) {
        walk(section, path + ".", values);
      } else {
        throw new ConfigException(path + ": " + showFor(path, false, value) + " must be an object");
      }
    }
  }

  /** Puts {@code value} at a dotted {@code path}, creating the nested objects on the way. */
  static void put(JsonObject json, String path, Object value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      json.put(path, value);
      return;
    }
    String section = path.substring(0, dot);
    JsonObject nested = json.getJsonObject(section);
    if (nested == null) {
      nested = new JsonObject();
      json.put(section, nested);
    }
    put(nested, path.substring(dot + 1), value);
  }

  /** The key an environment variable names, given what follows {@code NETECHO_} (any case). */
  static Optional<Key> forEnvSuffix(String suffix) {
    return Optional.ofNullable(BY_ENV_SUFFIX.get(suffix.toUpperCase(Locale.ROOT)));
  }

  /** The key a system property names, given what follows {@code netecho.} (any case). */
  static Optional<Key> forPropertyPath(String path) {
    return Optional.ofNullable(BY_LOWER_PATH.get(path.toLowerCase(Locale.ROOT)));
  }

  /** The members of a valid {@code cluster.members} value: trimmed {@code host[:port]} entries. */
  static List<String> members(String csv) {
    List<String> members = new ArrayList<>();
    for (String entry : csv.split(",", -1)) {
      members.add(entry.trim());
    }
    return List.copyOf(members);
  }

  /** {@code name=value} for an error message, the value escaped and shortened, or not shown ({@link #hidden}). */
  static String assignment(String name, String raw) {
    return assignment(name, raw, false);
  }

  private static String assignment(String name, String raw, boolean known) {
    return escape(name) + "=" + (hidden(name, known) ? NOT_SHOWN : shorten(escape(raw)));
  }

  /**
   * Whether a message must not show the value set under {@code name}: a name that reads like a secret
   * ({@code admin.token}, {@code NETECHO_ADMIN_TOKEN}), or an unknown name in the admin section, where a
   * mistyped token key lands. A value is never needed to fix such a mistake; the name is.
   */
  static boolean hidden(String name, boolean known) {
    return SECRET_NAME.matcher(name).find() || !known && ADMIN_SECTION.matcher(name).find();
  }

  private static String showFor(String name, boolean known, Object value) {
    return hidden(name, known) ? NOT_SHOWN : show(value);
  }

  /** A JSON value for an error message: JSON-encoded, control characters escaped, shortened. */
  static String show(Object value) {
    return shorten(escape(Json.encode(value)));
  }

  private static String tokenProblem(String token) {
    int chars = token.strip().codePointCount(0, token.strip().length());
    return chars == 0 ? "must not be empty"
        : chars < MIN_TOKEN_CHARS ? "must be at least " + MIN_TOKEN_CHARS + " characters (whitespace trimmed)" : null;
  }

  private static String membersProblem(String csv) {
    if (csv.isBlank()) {
      return "must list at least one host[:port]";
    }
    for (String entry : members(csv)) {
      if (!validMember(entry)) {
        return "has an invalid entry " + show(entry) + " (expected host[:port], port 1..65535)";
      }
    }
    return null;
  }

  /** {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 address. */
  private static boolean validMember(String entry) {
    String host = entry;
    String port = null;
    if (entry.startsWith("[")) {
      int end = entry.indexOf(']');
      if (end < 0) {
        return false;
      }
      host = entry.substring(1, end);
      String rest = entry.substring(end + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return false;
        }
        port = rest.substring(1);
      }
    } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
      host = entry.substring(0, entry.indexOf(':'));
      port = entry.substring(entry.indexOf(':') + 1);
    }
    boolean hostOk = !host.isEmpty() && host.chars().noneMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']');
    boolean portOk = port == null
        || (port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535);
    return hostOk && portOk;
  }

  /** A share, e.g. the toxicity of a fault: 0 (never) to 1 (always). */
  private static Rule fraction() {
    return new Rule("0..1", value -> {
      double number = (Double) value;
      return number >= 0 && number <= 1 ? null : "is out of range 0..1";
    });
  }

  private static Rule range(int min, int max) {
    return new Rule(min + ".." + max, value -> {
      long number = (Long) value;
      return number < min || number > max ? "is out of range " + min + ".." + max : null;
    });
  }

  private static Rule oneOf(String... values) {
    List<String> allowed = List.of(values);
    return new Rule(String.join(", ", allowed),
        value -> allowed.contains(value) ? null : "must be one of " + String.join(", ", allowed));
  }

  private static Rule atLeast(int min) {
    return new Rule(">= " + min, value -> {
      long number = (Long) value;
      return number < min ? "must be >= " + min
          : number > Integer.MAX_VALUE ? "is too large (max " + Integer.MAX_VALUE + ")" : null;
    });
  }

  private static Key key(String path, Type type, Object defaultValue, Rule rule, String meaning) {
    return new Key(path, type, defaultValue, rule, meaning);
  }

  private static Long clamp(BigInteger number) {
    return number.bitLength() < 64 ? number.longValue() : number.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  private static <V> void unique(Map<String, V> map, String name, V value) {
    if (map.putIfAbsent(name, value) != null) {
      throw new IllegalStateException("config schema: two keys are named " + name);
    }
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }

  private static String shorten(String text) {
    return OneLine.shorten(text, MAX_SHOWN);
  }
}
