package io.netecho.http;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The query parameters the echo's asks are read from: looked for cheaply first, then decoded once. */
final class QueryParams {

  private QueryParams() {
  }

  /**
   * Whether {@code query} names one of {@code names} as a parameter: {@code "delay="} with a value,
   * or a bare flag such as {@code "hang"}. A plain request's query is scanned, never decoded.
   */
  static boolean mentionsOne(String query, String[] names) {
    for (String name : names) {
      int at = query.indexOf(name);
      while (at >= 0) {
        int end = at + name.length();
        if ((at == 0 || query.charAt(at - 1) == '&') && (name.endsWith("=") || end == query.length()
          || query.charAt(end) == '=' || query.charAt(end) == '&')) {
          return true;
        }
        at = query.indexOf(name, end);
      }
    }
    return false;
  }

  /** The decoded parameters; a query that cannot be decoded is a 400 saying why. */
  static Map<String, List<String>> decode(String query) {
    try {
      return new QueryStringDecoder(query, StandardCharsets.UTF_8, false).parameters();
    } catch (IllegalArgumentException malformed) {
      throw new BadRequest("malformed query: " + malformed.getMessage());
    }
  }

  /** The last value of {@code name}, as a repeated parameter's last one wins; null when absent. */
  static String last(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }
}
