package io.netecho;

import io.netecho.net.NodeSocket;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection through the whole echo path (accept, read, escape, reply, FIN, close) on a
 * private loopback port before the process says it listens, so the first real client does not
 * pay for loading and initialising that path (about 100 ms on a fresh JVM). The warm-up
 * connection is neither logged nor counted: it is served by a quiet copy of the instance.
 */
final class Warmup {

  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  private static final Buffer PROBE = Buffer.buffer("warm-up \u00e9\u0001\n");
  private static final int TIMEOUT_MS = 2000;

  private Warmup() {
  }

  /** Completes when the warm-up connection closed, or after a bounded wait; never fails. */
  static Future<Void> run(Vertx vertx, EchoInstance echo) {
    EchoInstance quiet = echo.quietly();
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1"))
      .connectHandler(socket -> new EchoConnection(NodeSocket.of(socket), quiet).start());
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(TIMEOUT_MS));
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(TIMEOUT_MS, id -> done.tryComplete());
    server.listen(0, "127.0.0.1")
      .compose(listening -> client.connect(listening.actualPort(), "127.0.0.1"))
      .onSuccess(socket -> exchange(socket, quiet.prefix().length() + PROBE.length(), done))
      .onFailure(err -> done.tryComplete());
    return done.future()
      .onComplete(v -> vertx.cancelTimer(timer))
      .eventually(() -> Future.join(client.close(), server.close()))
      .onComplete(v -> LOG.debug("echo path warmed up"))
      .otherwiseEmpty();
  }

  /** Writes the probe, reads the whole reply, then closes: the server sees data, FIN and close. */
  private static void exchange(NetSocket socket, int replyLength, Promise<Void> done) {
    Buffer reply = Buffer.buffer(replyLength);
    socket.closeHandler(v -> done.tryComplete());
    socket.exceptionHandler(err -> done.tryComplete());
    socket.handler(chunk -> {
      reply.appendBuffer(chunk);
      if (reply.length() >= replyLength) {
        socket.close();
      }
    });
    socket.write(PROBE);
  }
}
