package io.netecho.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.MultiMap;

/**
 * CORS answers, as httpbin gives them, when {@code http.cors} is on or the query has {@code cors}: any
 * origin is allowed (the request's {@code Origin} named back, with credentials), and a preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered 204 at once, allowing the
 * method and headers it asks for.
 */
final class Cors {

  static final int MAX_AGE_SECONDS = 3600;

  private Cors() {
  }

  /** Whether the query asks for CORS: a {@code cors} parameter, with or without a value. */
  static boolean asked(String query) {
    if (query == null) {
      return false;
    }
    int at = query.indexOf("cors");
    while (at >= 0) {
      int end = at + 4;
      if ((at == 0 || query.charAt(at - 1) == '&')
        && (end == query.length() || query.charAt(end) == '=' || query.charAt(end) == '&')) {
        return true;
      }
      at = query.indexOf("cors", end);
    }
    return false;
  }

  /** Adds the CORS headers; true when the request was a preflight, answered already. */
  static boolean answer(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    MultiMap headers = response.headers();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin == null ? "*" : origin);
    if (origin != null) {
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
      headers.set(HttpHeaders.VARY, "Origin");
    }
    String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    if (request.method() != HttpMethod.OPTIONS || method == null) {
      return false;
    }
    headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, method);
    String asked = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
    if (asked != null) {
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, asked);
    }
    headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, String.valueOf(MAX_AGE_SECONDS));
    response.setStatusCode(204).end();
    return true;
  }
}
