package io.netecho.config;

import io.netecho.log.OneLine;
import io.vertx.core.Future;

import java.util.function.Function;

/**
 * A reason the process cannot start, worded for the one line the launcher prints; it carries no
 * stack trace because the message is the whole story.
 */
public final class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message, null, false, false);
  }

  /**
   * For {@code listen(..).recover(..)}: a failure to listen as one line naming what, where and why,
   * {@code cannot listen on udp 127.0.0.1:9000: Address already in use}. {@code what} is empty for
   * the echo port itself.
   */
  public static <T> Function<Throwable, Future<T>> cannotListen(String what, String host, int port) {
    String server = what.isEmpty() ? "" : what + " ";
    return err -> Future.failedFuture(new StartupException(
      "cannot listen on " + server + host + ":" + port + ": " + OneLine.of(err)));
  }
}
