package io.netecho.http;

import io.netecho.config.NetEchoConfig;
import io.netty.handler.codec.http2.Http2Error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * fortio-style asks in an echo request's query: {@code status=} (a code, or {@code 503:10,429:5}
 * percentages), {@code delay=} ({@code 100ms}, {@code 100ms:50ms} with a jitter, or {@code 100ms:25}
 * for a quarter of the requests), {@code header=K:V} (repeatable) and {@code size=} (a body of that many
 * bytes), and faults: {@code reset=N} (a reset after N bytes of the body), {@code truncate=N} (the
 * connection closed after N bytes of a body whose Content-Length says more), {@code hang} (no answer),
 * and on HTTP/2 {@code rst[=CODE]} (the stream reset, RST_STREAM, instead of the answer, or after the
 * bytes of {@code reset=}/{@code truncate=}) and {@code goaway[=CODE]} (a GOAWAY before the answer).
 * Read only when the query has one of them; bad values make a {@link BadRequest}.
 *
 * @param rstCode the RST_STREAM error code asked for, -1 when none
 * @param goAwayCode the GOAWAY error code asked for, -1 when none
 */
record EchoQuery(int status, long delayMs, List<String[]> headers, int size, Fault fault, int faultAfterBytes,
                 long rstCode, long goAwayCode) {

  /** A fault the request asks its answer to show: none, a reset or a cut after some bytes, or no answer. */
  enum Fault { NONE, RESET, TRUNCATE, HANG }

  private static final String[] NAMES = {"status=", "delay=", "header=", "size=", "reset=", "truncate=", "hang", "rst", "goaway"};

  /** The asks in {@code query}, or null when it has none (the plain echo). */
  static EchoQuery of(String query, NetEchoConfig.Http settings) {
    if (query == null || !QueryParams.mentionsOne(query, NAMES)) {
      return null;
    }
    Map<String, List<String>> params = QueryParams.decode(query);
    String status = QueryParams.last(params, "status");
    String delay = QueryParams.last(params, "delay");
    String size = QueryParams.last(params, "size");
    List<String[]> headers = new ArrayList<>();
    for (String header : params.getOrDefault("header", List.of())) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        throw new BadRequest("header=" + header + " is not NAME:VALUE");
      }
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      Httpbin.checkHeader(name, value);
      headers.add(new String[] {name, value});
    }
    int bytes = -1;
    if (size != null) {
      bytes = Httpbin.nonNegative("size", size);
      if (bytes > settings.maxGeneratedBytes()) {
        throw new BadRequest("size " + bytes + " is over " + settings.maxGeneratedBytes() + " (http.maxGeneratedBytes)");
      }
    }
    Fault fault = Fault.NONE;
    int after = 0;
    String reset = QueryParams.last(params, "reset");
    String truncate = QueryParams.last(params, "truncate");
    if (reset != null && truncate != null) {
      throw new BadRequest("ask for reset= or truncate=, not both");
    }
    if (reset != null) {
      fault = Fault.RESET;
      after = Httpbin.nonNegative("reset", reset);
    } else if (truncate != null) {
      fault = Fault.TRUNCATE;
      after = Httpbin.nonNegative("truncate", truncate);
    } else if (params.containsKey("hang")) {
      fault = Fault.HANG;
    }
    String rst = QueryParams.last(params, "rst");
    String goAway = QueryParams.last(params, "goaway");
    return new EchoQuery(status == null ? 0 : StatusChoice.percent(status),
      delay == null ? 0 : delayMs(delay, settings.maxDelayMs()), headers, bytes, fault, after,
      rst == null ? -1 : http2Error("rst", rst, Http2Error.CANCEL),
      goAway == null ? -1 : http2Error("goaway", goAway, Http2Error.NO_ERROR));
  }

  /** True when the request asks for an HTTP/2 frame ({@code rst}, {@code goaway}), which HTTP/1.x has not. */
  boolean needsHttp2() {
    return rstCode >= 0 || goAwayCode >= 0;
  }

  /**
   * An HTTP/2 error code (RFC 9113 section 7): a number (0 to 2^32-1, codes without a name included) or
   * a name such as {@code REFUSED_STREAM}, any case; empty (a bare {@code rst}) is {@code byDefault}.
   */
  static long http2Error(String what, String text, Http2Error byDefault) {
    String code = text.trim();
    if (code.isEmpty()) {
      return byDefault.code();
    }
    if (Character.isDigit(code.charAt(0))) {
      try {
        long value = Long.parseLong(code);
        if (value <= 0xFFFF_FFFFL) {
          return value;
        }
      } catch (NumberFormatException e) {
        // below
      }
    } else {
      for (Http2Error error : Http2Error.values()) {
        if (error.name().equalsIgnoreCase(code)) {
          return error.code();
        }
      }
    }
    throw new BadRequest(what + "=" + (code.length() > 40 ? code.substring(0, 40) + "..." : code)
      + " is not an HTTP/2 error code: a number up to 4294967295 or a name such as CANCEL or REFUSED_STREAM");
  }



  /**
   * {@code D} (bare numbers are milliseconds), {@code D:J} with a unit on {@code J} (uniform in D±J, at
   * least 0), or {@code D:P} with a bare {@code P} (that percentage of the requests wait D, fortio's way).
   */
  static long delayMs(String text, int maxDelayMs) {
    int colon = text.indexOf(':');
    double base = duration(colon < 0 ? text : text.substring(0, colon), text);
    double jitter = 0;
    double percent = 100;
    if (colon >= 0) {
      String second = text.substring(colon + 1).trim();
      if (!second.isEmpty() && Character.isLetter(second.charAt(second.length() - 1))) {
        jitter = duration(second, text);
      } else {
        percent = number(second, text);
        if (percent > 100) {
          throw new BadRequest("delay " + text + ": a percentage is at most 100");
        }
      }
    }
    if (base + jitter > maxDelayMs) {
      throw new BadRequest("delay " + text + " is over " + maxDelayMs + " ms (http.maxDelayMs)");
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (percent < 100 && random.nextDouble(100) >= percent) {
      return 0;
    }
    double ms = jitter == 0 ? base : base - jitter + random.nextDouble(2 * jitter);
    return Math.max(0, Math.round(ms));
  }

  /** Milliseconds in {@code 250us}, {@code 100ms}, {@code 1.5s}, {@code 1m} or a bare {@code 100}. */
  private static double duration(String part, String whole) {
    String text = part.trim();
    double scale = 1;
    String number = text;
    if (text.endsWith("us")) {
      scale = 0.001;
      number = text.substring(0, text.length() - 2);
    } else if (text.endsWith("ms")) {
      number = text.substring(0, text.length() - 2);
    } else if (text.endsWith("s")) {
      scale = 1000;
      number = text.substring(0, text.length() - 1);
    } else if (text.endsWith("m")) {
      scale = 60_000;
      number = text.substring(0, text.length() - 1);
    }
    return number(number, whole) * scale;
  }

  private static double number(String text, String whole) {
    try {
      double value = Double.parseDouble(text);
      if (value >= 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new BadRequest("malformed delay " + whole + ": use 100ms, 100ms:50ms (jitter) or 100ms:25 (percent)");
  }
}
