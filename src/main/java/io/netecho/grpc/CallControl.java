package io.netecho.grpc;

import io.vertx.core.MultiMap;
import io.vertx.grpc.common.GrpcStatus;

import java.util.List;
import java.util.Locale;

/**
 * What a call's request metadata asks of it: the final {@code grpc-status} ({@value #STATUS}, a code or
 * its name) with its {@code grpc-message} ({@value #MESSAGE}), and a wait before each reply
 * ({@value #DELAY}, at most {@code http.maxDelayMs}). An entry sent more than once counts by its last
 * value, as a repeated query parameter does on the HTTP echo.
 *
 * <p>Messages stay clear of {@code , : ; / ? @ & = + $ #}: Vert.x percent-encodes {@code grpc-message} whole,
 * and grpc-js decodes it with JavaScript's {@code decodeURI}, which leaves those escaped.
 */
record CallControl(GrpcStatus status, String message, long delayMs) {

  static final String STATUS = "x-echo-status";
  static final String MESSAGE = "x-echo-message";
  static final String DELAY = "x-echo-delay-ms";

  /** A metadata entry the call cannot take: the call ends {@code INVALID_ARGUMENT} with this one-line message. */
  static final class BadMetadata extends RuntimeException {

    BadMetadata(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the entries from {@code metadata}; throws {@link BadMetadata} naming the first bad one. */
  static CallControl of(MultiMap metadata, int maxDelayMs) {
    String status = last(metadata, STATUS);
    String delay = last(metadata, DELAY);
    return new CallControl(status == null ? GrpcStatus.OK : status(status), last(metadata, MESSAGE),
      delay == null ? 0 : delayMs(delay, maxDelayMs));
  }

  boolean ok() {
    return status == GrpcStatus.OK;
  }

  private static GrpcStatus status(String text) {
    String value = text.trim();
    GrpcStatus status = null;
    if (!value.isEmpty() && value.length() <= 2 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      status = GrpcStatus.valueOf(Integer.parseInt(value));
    } else if (value.chars().allMatch(c -> c == '_' || Character.isLetter(c))) {
      try {
        status = GrpcStatus.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        status = null;
      }
    }
    if (status == null) {
      throw new BadMetadata(STATUS + " '" + text + "' is not a gRPC status - use a code 0..16 or a name such as UNAVAILABLE");
    }
    return status;
  }

  private static long delayMs(String text, int maxDelayMs) {
    String value = text.trim();
    if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadMetadata(DELAY + " '" + text + "' is not a whole number of milliseconds");
    }
    long delay = Long.parseLong(value);
    if (delay > maxDelayMs) {
      throw new BadMetadata(DELAY + " " + delay + " is over " + maxDelayMs + " ms (http.maxDelayMs)");
    }
    return delay;
  }

  private static String last(MultiMap metadata, String name) {
    List<String> values = metadata.getAll(name);
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }
}
