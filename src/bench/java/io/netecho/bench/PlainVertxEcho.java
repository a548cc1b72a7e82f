package io.netecho.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * The plain Vert.x reference of the benchmark: the echo any Vert.x user writes first, on the same
 * Vert.x as net-echo. One verticle instance; each chunk is answered with prefix + chunk copied into
 * one buffer; a full write queue pauses the socket until it drains; nothing is logged. Arguments:
 * port, then the reply prefix (default {@code "Repeating: "}). Prints
 * {@code listening on port <port>} once it accepts connections.
 */
public final class PlainVertxEcho extends VerticleBase {

  private final int port;
  private final Buffer prefix;

  PlainVertxEcho(int port, String prefix) {
    this.port = port;
    this.prefix = Buffer.buffer(prefix);
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8124;
    String prefix = args.length > 1 ? args[1] : "Repeating: ";
    Vertx.vertx().deployVerticle(new PlainVertxEcho(port, prefix))
      .onFailure(cause -> {
        System.err.println("plain Vert.x echo: " + cause.getMessage());
        System.exit(1);
      });
  }

  @Override
  public Future<?> start() {
    return vertx.createNetServer()
      .connectHandler(this::serve)
      .listen(port, "127.0.0.1")
      .onSuccess(server -> System.out.println("listening on port " + server.actualPort()));
  }

  private void serve(NetSocket socket) {
    socket.handler(chunk -> {
      socket.write(Buffer.buffer(prefix.length() + chunk.length()).appendBuffer(prefix).appendBuffer(chunk));
      if (socket.writeQueueFull()) {
        socket.pause();
        socket.drainHandler(drained -> socket.resume());
      }
    });
    // a reset client is not worth a log line in a benchmark
    socket.exceptionHandler(failure -> socket.close());
  }
}
