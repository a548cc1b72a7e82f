package io.netecho.config;

import io.netecho.log.OneLine;
import io.vertx.core.json.Json;

import java.util.regex.Pattern;

/**
 * How a configuration error shows what was given: escaped, shortened to one line, and never the
 * value of what may be a secret. A value is never needed to fix such a mistake; the name is.
 */
final class ErrorText {

  private static final int MAX_SHOWN = 60;
  /** Names whose values are never shown in a message: they may be secrets. */
  private static final Pattern SECRET_NAME = Pattern.compile("(?i)token|secret|passw");
  /** Unknown keys in the admin section, where a mistyped admin.token would land. */
  private static final Pattern ADMIN_SECTION = Pattern.compile("(?i)^(netecho[._])?admin([._]|$)");
  private static final String NOT_SHOWN = "(value not shown)";

  private ErrorText() {
  }

  /** A JSON value for an error message: JSON-encoded, control characters escaped, shortened. */
  static String show(Object value) {
    return shorten(escape(Json.encode(value)));
  }

  /** The value set under {@code name} ({@link #show}), or {@code (value not shown)} ({@link #hidden}). */
  static String value(String name, boolean known, Object value) {
    return hidden(name, known) ? NOT_SHOWN : show(value);
  }

  /** {@code name=raw} of an environment variable or system property, the value as {@link #value} would show it. */
  static String assignment(String name, String raw, boolean known) {
    return escape(name) + "=" + (hidden(name, known) ? NOT_SHOWN : shorten(escape(raw)));
  }

  /** A name, e.g. of an unknown key, escaped and shortened. */
  static String name(String name) {
    return shorten(escape(name));
  }

  /**
   * Whether a message must not show the value set under {@code name}: a name that reads like a secret
   * ({@code admin.token}, {@code NETECHO_ADMIN_TOKEN}), or an unknown name in the admin section, where a
   * mistyped token key lands.
   */
  static boolean hidden(String name, boolean known) {
    return SECRET_NAME.matcher(name).find() || !known && ADMIN_SECTION.matcher(name).find();
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
