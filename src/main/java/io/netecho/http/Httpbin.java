package io.netecho.http;

import io.netecho.config.NetEchoConfig;
import io.netecho.log.OneLine;
import io.netecho.stats.HttpStats;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * httpbin's test routes with httpbin's JSON shapes, on a vertx-web {@link Router} whose last route is the
 * echo: {@code /status/{codes}}, {@code /delay/{seconds}}, {@code /bytes/{n}}, {@code /stream-bytes/{n}},
 * {@code /response-headers}, {@code /redirect/{n}} (and its relative and absolute forms), {@code /headers},
 * {@code /ip}, {@code /user-agent}, {@code /get}, {@code /post}, {@code /put}, {@code /patch},
 * {@code /delete} and {@code /anything}. Only a path whose first segment names one of them goes through
 * the router ({@link #serves}): a plain echo request costs one set look-up.
 */
final class Httpbin {

  /** The first path segments of the routes; any other path is the echo's without routing. */
  private static final Set<String> FIRST_SEGMENTS = Set.of("status", "delay", "bytes", "stream-bytes",
    "response-headers", "redirect", "relative-redirect", "absolute-redirect", "headers", "ip", "user-agent",
    "get", "post", "put", "patch", "delete", "anything");
  private static final int DEFAULT_CHUNK_BYTES = 10 * 1024;
  static final int MAX_HEADER_BYTES = 2048;
  private static final String JSON = "application/json";
  private static final Logger LOG = LoggerFactory.getLogger(Httpbin.class);

  private final Vertx vertx;
  private final NetEchoConfig.Http settings;
  private final HttpStats stats;

  private Httpbin(Vertx vertx, NetEchoConfig.Http settings, HttpStats stats) {
    this.vertx = vertx;
    this.settings = settings;
    this.stats = stats;
  }

  /** Whether {@code path}'s first segment is one of the routes' (the router then decides, the echo being its last route). */
  static boolean serves(String path) {
    if (path == null || path.length() < 2 || path.charAt(0) != '/') {
      return false;
    }
    int end = path.indexOf('/', 1);
    return FIRST_SEGMENTS.contains(end < 0 ? path.substring(1) : path.substring(1, end));
  }

  /** The routes, then {@code echo} for any request none of them takes. */
  static Router router(Vertx vertx, NetEchoConfig.Http settings, HttpStats stats, Handler<RoutingContext> echo) {
    return new Httpbin(vertx, settings, stats).routes(echo);
  }

  private Router routes(Handler<RoutingContext> echo) {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()).setMergeFormAttributes(false);
    router.route("/status/:codes").handler(safe(this::status));
    router.route("/delay/:seconds").handler(body).handler(safe(this::delay));
    router.get("/bytes/:n").handler(safe(this::bytes));
    router.get("/stream-bytes/:n").handler(safe(this::streamBytes));
    router.route("/response-headers").method(HttpMethod.GET).method(HttpMethod.POST).handler(safe(this::responseHeaders));
    router.get("/redirect/:n").handler(safe(context -> redirect(context, false)));
    router.get("/relative-redirect/:n").handler(safe(context -> redirect(context, false)));
    router.get("/absolute-redirect/:n").handler(safe(context -> redirect(context, true)));
    router.get("/headers").handler(safe(context -> json(context, new JsonObject().put("headers", headers(context.request())))));
    router.get("/ip").handler(safe(context -> json(context, new JsonObject().put("origin", origin(context.request())))));
    router.get("/user-agent").handler(safe(context -> json(context,
      new JsonObject().put("user-agent", context.request().getHeader(HttpHeaders.USER_AGENT)))));
    router.get("/get").handler(safe(context -> json(context, get(context.request()))));
    for (String method : List.of("post", "put", "patch", "delete")) {
      router.route("/" + method).method(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT))).handler(body)
        .handler(safe(context -> json(context, withBody(context, get(context.request())))));
    }
    router.route("/anything").handler(body).handler(safe(this::anything));
    router.route("/anything/*").handler(body).handler(safe(this::anything));
    router.route().handler(echo);
    // a path that cannot be decoded, or a body over http.maxBodyBytes, fails the routing itself
    router.errorHandler(400, context -> badRequest(context.request(), "malformed request path"));
    router.errorHandler(413, context -> text(context.request(), 413,
      "request body over " + settings.maxBodyBytes() + " bytes (http.maxBodyBytes)"));
    router.errorHandler(500, context -> {
      LOG.warn("http: {} {} failed: {}", context.request().method(), context.request().path(), OneLine.of(context.failure()));
      text(context.request(), 500, "internal error");
    });
    return router;
  }

  /** httpbin's {@code /status/{code}}: that status (one of a weighted list), no body but for 418. */
  private void status(RoutingContext context) {
    int code = StatusChoice.relative(context.pathParam("codes"));
    HttpServerResponse response = context.response().setStatusCode(code);
    if (code == 301 || code == 302 || code == 303 || code == 305 || code == 307) {
      response.putHeader(HttpHeaders.LOCATION, "/redirect/1");
    } else if (code == 401) {
      response.putHeader("WWW-Authenticate", "Basic realm=\"Fake Realm\"");
    }
    stats.request();
    if (code == 418) {
      text(context.request(), 418, "I'm a teapot");
    } else {
      response.end();
    }
  }

  private void delay(RoutingContext context) {
    String text = context.pathParam("seconds");
    double seconds;
    try {
      seconds = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadRequest("delay " + text + " is not a number of seconds");
    }
    if (!(seconds >= 0) || seconds * 1000 > settings.maxDelayMs()) {
      throw new BadRequest("delay " + text + " s is not within 0.." + settings.maxDelayMs() + " ms (http.maxDelayMs)");
    }
    JsonObject answer = withBody(context, get(context.request()));
    long ms = Math.round(seconds * 1000);
    if (ms == 0) {
      json(context, answer);
    } else {
      vertx.setTimer(ms, id -> json(context, answer));
    }
  }

  private void bytes(RoutingContext context) {
    int n = generated(context.pathParam("n"));
    byte[] bytes = new byte[n];
    random(context.request()).nextBytes(bytes);
    stats.request();
    stats.sent(n);
    context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream").end(Buffer.buffer(bytes));
  }

  /** As {@code /bytes/{n}}, chunked, {@code chunk_size} bytes a chunk, written as the client reads them. */
  private void streamBytes(RoutingContext context) {
    int n = generated(context.pathParam("n"));
    String chunkParam = context.request().getParam("chunk_size");
    int chunk = chunkParam == null ? DEFAULT_CHUNK_BYTES : positive("chunk_size", chunkParam);
    Random random = random(context.request());
    HttpServerResponse response = context.response()
      .setChunked(true)
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
    stats.request();
    new Object() {
      int left = n;
      int bits;
      int bitsLeft;

      void write() {
        while (left > 0 && !response.writeQueueFull()) {
          byte[] bytes = new byte[Math.min(chunk, left)];
          // byte for byte what Random.nextBytes gives in one call: the same stream whatever the chunk size
          for (int i = 0; i < bytes.length; i++) {
            if (bitsLeft == 0) {
              bits = random.nextInt();
              bitsLeft = 4;
            }
            bytes[i] = (byte) bits;
            bits >>= 8;
            bitsLeft--;
          }
          left -= bytes.length;
          stats.sent(bytes.length);
          response.write(Buffer.buffer(bytes));
        }
        if (left > 0) {
          response.drainHandler(v -> write());
        } else {
          response.end();
        }
      }
    }.write();
  }

  /** Every query parameter as a response header; the body is those headers as JSON, as httpbin's. */
  private void responseHeaders(RoutingContext context) {
    HttpServerResponse response = context.response();
    Map<String, List<String>> args = args(context.request());
    JsonObject answer = new JsonObject().put("Content-Type", JSON);
    args.forEach((name, values) -> {
      for (String value : values) {
        checkHeader(name, value);
        response.headers().add(name, value);
      }
      answer.put(name, values.size() == 1 ? values.get(0) : new JsonArray(List.copyOf(values)));
    });
    response.headers().remove(HttpHeaders.CONTENT_LENGTH);
    // the body names its own length, as httpbin's does: settle the number first
    String encoded = answer.encodePrettily();
    for (int i = 0; i < 3; i++) {
      answer.put("Content-Length", String.valueOf(encoded.length() + 1));
      encoded = answer.encodePrettily();
    }
    if (!response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    }
    Buffer body = Buffer.buffer(encoded).appendString("\n");
    stats.request();
    stats.sent(body.length());
    response.end(body);
  }

  /** httpbin's {@code /redirect/{n}}: 302 to {@code /relative-redirect/{n-1}} (or absolute), the last to {@code /get}. */
  private void redirect(RoutingContext context, boolean absolute) {
    String text = context.pathParam("n");
    int n = positive("redirect count", text);
    if (n > settings.maxRedirects()) {
      throw new BadRequest("redirect count " + n + " is over " + settings.maxRedirects() + " (http.maxRedirects)");
    }
    boolean absoluteAsked = absolute || "true".equals(context.request().getParam("absolute"));
    String next = n == 1 ? "/get" : (absoluteAsked ? "/absolute-redirect/" : "/relative-redirect/") + (n - 1);
    stats.request();
    context.response()
      .setStatusCode(302)
      .putHeader(HttpHeaders.LOCATION, absoluteAsked ? base(context.request()) + next : next)
      .end();
  }

  private void anything(RoutingContext context) {
    JsonObject answer = withBody(context, get(context.request()));
    answer.put("method", context.request().method().name());
    json(context, answer);
  }

  /** httpbin's {@code /get}: args, headers, origin, url. */
  private JsonObject get(HttpServerRequest request) {
    JsonObject args = new JsonObject();
    args(request).forEach((name, values) -> args.put(name, values.size() == 1 ? values.get(0) : new JsonArray(List.copyOf(values))));
    return new JsonObject()
      .put("args", args)
      .put("headers", headers(request))
      .put("origin", origin(request))
      .put("url", base(request) + request.uri());
  }

  /** {@code /get}'s, and the body: data, files, form and json, as httpbin's. */
  private static JsonObject withBody(RoutingContext context, JsonObject answer) {
    Buffer body = context.body().buffer();
    if (body == null) {
      body = Buffer.buffer();
    }
    String text = RequestJson.utf8(body);
    JsonObject form = new JsonObject();
    context.request().formAttributes().names().forEach(name -> {
      List<String> values = context.request().formAttributes().getAll(name);
      form.put(name, values.size() == 1 ? values.get(0) : new JsonArray(List.copyOf(values)));
    });
    Object json = null;
    if (text != null && !text.isBlank()) {
      try {
        json = Json.decodeValue(text);
      } catch (DecodeException notJson) {
        json = null;
      }
    }
    return answer
      .put("data", text != null ? (form.isEmpty() ? text : "")
        : "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(body.getBytes()))
      .put("files", new JsonObject())
      .put("form", form)
      .put("json", json);
  }

  /** Headers as httpbin shows them: Title-Case names, repeated values joined by commas. */
  private static JsonObject headers(HttpServerRequest request) {
    Map<String, String> byLowerName = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    request.headers().forEach(header -> {
      String lower = header.getKey().toLowerCase(Locale.ROOT);
      if (lower.startsWith(":")) {
        return;
      }
      names.putIfAbsent(lower, titleCase(lower));
      byLowerName.merge(lower, header.getValue(), (a, b) -> a + "," + b);
    });
    JsonObject headers = new JsonObject();
    byLowerName.forEach((lower, value) -> headers.put(names.get(lower), value));
    return headers;
  }

  private static String titleCase(String lower) {
    StringBuilder name = new StringBuilder(lower.length());
    boolean start = true;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      name.append(start ? Character.toUpperCase(c) : c);
      start = c == '-';
    }
    return name.toString();
  }

  /** httpbin's origin: {@code X-Forwarded-For} when a proxy set it, else the TCP peer. */
  private static String origin(HttpServerRequest request) {
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null) {
      return forwarded;
    }
    return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
  }

  private static String base(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    String host = authority != null ? authority.toString()
      : request.localAddress().hostAddress() + ":" + request.localAddress().port();
    return request.scheme() + "://" + host;
  }

  /** The query's parameters, decoded, each with every value in order. */
  static Map<String, List<String>> args(HttpServerRequest request) {
    if (request.query() == null) {
      return Map.of();
    }
    try {
      return new QueryStringDecoder(request.query(), StandardCharsets.UTF_8, false).parameters();
    } catch (IllegalArgumentException malformed) {
      throw new BadRequest("malformed query: " + malformed.getMessage());
    }
  }

  /** A header a client asked to get back: a valid name, a value without line breaks, at most 8 KiB together. */
  static void checkHeader(String name, String value) {
    if (name.length() + value.length() > MAX_HEADER_BYTES) {
      throw new BadRequest("header " + abbreviate(name) + " is over " + MAX_HEADER_BYTES + " bytes");
    }
    if (name.isEmpty()) {
      throw new BadRequest("a header needs a name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        throw new BadRequest("header name " + abbreviate(name) + " has a character a header name cannot have");
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 127) {
        throw new BadRequest("header " + name + " has a control character in its value");
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private int generated(String text) {
    int n = nonNegative("byte count", text);
    if (n > settings.maxGeneratedBytes()) {
      throw new BadRequest("byte count " + n + " is over " + settings.maxGeneratedBytes() + " (http.maxGeneratedBytes)");
    }
    return n;
  }

  private static Random random(HttpServerRequest request) {
    String seed = request.getParam("seed");
    if (seed == null) {
      return ThreadLocalRandom.current();
    }
    try {
      return new Random(Long.parseLong(seed));
    } catch (NumberFormatException e) {
      throw new BadRequest("seed " + seed + " is not an integer");
    }
  }

  static int nonNegative(String what, String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new BadRequest(what + " " + abbreviate(text) + " is not an integer >= 0");
  }

  private static int positive(String what, String text) {
    int n = nonNegative(what, text);
    if (n == 0) {
      throw new BadRequest(what + " must be at least 1");
    }
    return n;
  }

  private void json(RoutingContext context, JsonObject answer) {
    Buffer body = Buffer.buffer(answer.encodePrettily()).appendString("\n");
    stats.request();
    stats.sent(body.length());
    context.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
  }

  /** A handler whose {@link BadRequest} is answered 400 with its one line. */
  private Handler<RoutingContext> safe(Handler<RoutingContext> handler) {
    return context -> {
      try {
        handler.handle(context);
      } catch (BadRequest bad) {
        badRequest(context.request(), bad.getMessage());
      }
    };
  }

  static void badRequest(HttpServerRequest request, String message) {
    text(request, 400, message);
  }

  static void text(HttpServerRequest request, int status, String line) {
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      request.connection().close();
      return;
    }
    // headers asked for (response-headers) go; CORS headers stay
    response.headers().names().stream()
      .filter(name -> !name.regionMatches(true, 0, "Access-Control-", 0, 15) && !name.equalsIgnoreCase("Vary"))
      .toList()
      .forEach(response.headers()::remove);
    response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
      .end(line + "\n");
  }
}
