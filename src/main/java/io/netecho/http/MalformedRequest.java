package io.netecho.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * What both HTTP servers (the echo and the admin endpoint) do after they have logged a request Netty
 * could not parse: Vert.x then fails the connection with that same cause, which must not make a
 * second line; any other failure of the connection still goes to {@code otherFailure}.
 */
public final class MalformedRequest {

  private MalformedRequest() {
  }

  /** The cause Netty gave for {@code request}; null when it gave none. */
  public static Throwable cause(HttpServerRequest request) {
    return request.decoderResult().cause();
  }

  public static void loggedOnce(HttpServerRequest request, Throwable cause, Handler<Throwable> otherFailure) {
    HttpConnection connection = request.connection();
    connection.exceptionHandler(err -> {
      if (err != cause) {
        otherFailure.handle(err);
      }
    });
  }
}
