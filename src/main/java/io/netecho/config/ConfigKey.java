package io.netecho.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One configuration key: its dotted path, JSON type, default, allowed values and meaning, and the
 * environment variable and system property that set it. A value from any layer is converted and
 * checked here, so each layer reports a bad value the same way.
 */
public final class ConfigKey {

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

    /** How docs/configuration.md and {@code --help} name the type. */
    public String label() {
      return label;
    }
  }

  static final String ENV_PREFIX = "NETECHO_";
  static final String PROPERTY_PREFIX = "netecho.";

  private static final Object WRONG_TYPE = new Object();
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

  private final String path;
  private final Type type;
  private final Object defaultValue;
  private final Rule rule;
  private final String meaning;

  ConfigKey(String path, Type type, Object defaultValue, Rule rule, String meaning) {
    this.path = path;
    this.type = type;
    this.defaultValue = defaultValue;
    this.rule = rule;
    this.meaning = meaning;
    check(defaultValue, problem -> new IllegalStateException("default of " + path + " " + problem));
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

  /** One line for docs/configuration.md and {@code --help}. */
  public String meaning() {
    return meaning;
  }

  /** What values pass the key's check, e.g. {@code 0..65535}. */
  public String allowed() {
    return type == Type.NULLABLE_STRING ? rule.allowed() + ", or none" : rule.allowed();
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

  @Override
  public String toString() {
    return path;
  }

  /** Puts {@code value} at this key's path in {@code json}, creating the nested objects on the way. */
  void put(JsonObject json, Object value) {
    JsonObject section = json;
    int start = 0;
    for (int dot = path.indexOf('.'); dot > 0; start = dot + 1, dot = path.indexOf('.', start)) {
      String name = path.substring(start, dot);
      JsonObject nested = section.getJsonObject(name);
      if (nested == null) {
        nested = new JsonObject();
        section.put(name, nested);
      }
      section = nested;
    }
    section.put(path.substring(start), value);
  }

  /** Checks a value from a JSON layer; returns it as {@code String}, {@code Integer}, {@code Boolean}, {@code Double}, {@code JsonArray} or null. */
  Object fromJson(Object value) {
    return check(value, problem -> new ConfigException(path + ": " + ErrorText.value(path, true, value) + " " + problem));
  }

  /** Converts and checks an environment or system-property value given as {@code name=raw}. */
  Object fromText(String name, String raw) {
    return check(parse(raw), problem -> new ConfigException(ErrorText.assignment(name, raw, true) + ": " + path + " " + problem));
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
    String problem = typed == null ? null : rule.problem().apply(typed);
    if (problem != null) {
      throw failure.apply(problem);
    }
    return typed instanceof Long number ? Integer.valueOf(number.intValue()) : typed;
  }

  // integers are checked as longs, so an out-of-range value is reported as such and not wrapped
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

  private static Long clamp(BigInteger number) {
    return number.bitLength() < 64 ? number.longValue() : number.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
  }
}
