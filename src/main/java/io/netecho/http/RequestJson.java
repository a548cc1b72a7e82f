package io.netecho.http;

import io.netecho.tls.TlsHandshake;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the HTTP echo's JSON answer describes it: method, path, raw query and its parameters,
 * HTTP version, headers (every value of a repeated header, in order), the body (UTF-8 text when it is
 * valid UTF-8, else base64, {@code bodyEncoding} says which), the client's address, and over TLS
 * what its handshake was ({@link TlsHandshake}; null without TLS).
 */
final class RequestJson {

  private RequestJson() {
  }

  static JsonObject of(HttpServerRequest request, Buffer body) {
    String text = utf8(body);
    SocketAddress client = request.remoteAddress();
    return new JsonObject()
      .put("method", request.method().name())
      .put("path", request.path())
      .put("query", request.query())
      .put("params", params(request))
      .put("version", versionOf(request))
      .put("headers", headers(request))
      .put("bodyEncoding", text != null ? "utf-8" : "base64")
      .put("bodyBytes", body.length())
      .put("body", text != null ? text : Base64.getEncoder().encodeToString(body.getBytes()))
      .put("client", new JsonObject()
        .put("address", client == null ? null : client.hostAddress())
        .put("port", client == null ? null : client.port()))
      .put("tls", TlsHandshake.of(request));
  }

  /** Repeated headers keep every value in order; names keep the spelling of their first occurrence. */
  private static JsonObject headers(HttpServerRequest request) {
    JsonObject headers = new JsonObject();
    Map<String, JsonArray> byLowerName = new HashMap<>();
    request.headers().forEach(header -> byLowerName.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> {
      JsonArray values = new JsonArray();
      headers.put(header.getKey(), values);
      return values;
    }).add(header.getValue()));
    return headers;
  }

  /** The decoded query parameters, each with every value; null when the query's escapes are malformed. */
  private static JsonObject params(HttpServerRequest request) {
    if (request.query() == null) {
      return new JsonObject();
    }
    try {
      JsonObject params = new JsonObject();
      request.params().names().forEach(name -> params.put(name, new JsonArray(request.params().getAll(name))));
      return params;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private static String versionOf(HttpServerRequest request) {
    return switch (request.version()) {
      case HTTP_1_0 -> "HTTP/1.0";
      case HTTP_1_1 -> "HTTP/1.1";
      case HTTP_2 -> "HTTP/2";
    };
  }

  /** The body as text when it is valid UTF-8, else null. */
  static String utf8(Buffer body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(body.getBytes()))
        .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
