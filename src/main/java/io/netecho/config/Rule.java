package io.netecho.config;

import io.vertx.core.json.JsonArray;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a key accepts beyond its type: the text the README and {@code --help} show, and a check that
 * gives the problem with a typed value (integers arrive as {@code Long}), or null when it passes.
 */
record Rule(String allowed, Function<Object, String> problem) {

  static final Rule ANY = new Rule("any", value -> null);
  static final Rule NON_EMPTY = new Rule("non-empty", value -> ((String) value).isEmpty() ? "must not be empty" : null);
  static final Rule PORT = range(0, 65535);

  /** A share, e.g. the toxicity of a fault: 0 (never) to 1 (always). */
  static final Rule FRACTION = new Rule("0..1", value -> {
    double number = (Double) value;
    return number >= 0 && number <= 1 ? null : "is out of range 0..1";
  });

  static Rule range(int min, int max) {
    return new Rule(min + ".." + max, value -> {
      long number = (Long) value;
      return number < min || number > max ? "is out of range " + min + ".." + max : null;
    });
  }

  static Rule atLeast(int min) {
    return new Rule(">= " + min, value -> {
      long number = (Long) value;
      return number < min ? "must be >= " + min
        : number > Integer.MAX_VALUE ? "is too large (max " + Integer.MAX_VALUE + ")" : null;
    });
  }

  static Rule oneOf(String... values) {
    List<String> allowed = List.of(values);
    return new Rule(String.join(", ", allowed),
      value -> allowed.contains(value) ? null : "must be one of " + String.join(", ", allowed));
  }

  /** An array of distinct strings, each one of {@code values}; empty is allowed. */
  static Rule subsetOf(String... values) {
    List<String> allowed = List.of(values);
    String names = String.join(", ", allowed.stream().map(v -> "\"" + v + "\"").toList());
    return new Rule("array of " + names, value -> {
      Set<Object> seen = new HashSet<>();
      for (Object item : (JsonArray) value) {
        if (!(item instanceof String name) || !allowed.contains(name)) {
          return "must hold only " + names;
        }
        if (!seen.add(item)) {
          return "names \"" + item + "\" twice";
        }
      }
      return null;
    });
  }

  /** A secret compared after trimming whitespace, so it is measured the same way. */
  static Rule secret(int minChars) {
    return new Rule("at least " + minChars + " characters", value -> {
      String token = ((String) value).strip();
      int chars = token.codePointCount(0, token.length());
      return chars == 0 ? "must not be empty"
        : chars < minChars ? "must be at least " + minChars + " characters (whitespace trimmed)" : null;
    });
  }
}
