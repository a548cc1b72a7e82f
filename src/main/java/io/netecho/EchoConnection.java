package io.netecho;

import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client, served the way Node's echo example serves it: log {@code connected}, answer every
 * {@code 'data'} chunk with prefix + chunk, log the {@code 'close'}. Replies are built from the
 * received bytes, never from a string, so any byte sequence comes back unchanged.
 */
final class EchoConnection {

  private static final Logger LOG = LoggerFactory.getLogger(EchoConnection.class);

  private final NetSocket socket;
  private final Buffer prefix;
  private final NetEchoConfig.Log log;
  private final String peer;

  private EchoConnection(NetSocket socket, NetEchoConfig config) {
    this.socket = socket;
    this.prefix = Buffer.buffer(config.reply().prefix());
    this.log = config.log();
    this.peer = describe(socket.remoteAddress());
  }

  static void serve(NetSocket socket, NetEchoConfig config, ConnectionEvents events) {
    new EchoConnection(socket, config).start();
  }

  private void start() {
    LOG.info("connected {}", peer);
    socket.handler(this::onData);
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(this::onError);
  }

  /** Node's {@code 'data'}. */
  private void onData(Buffer chunk) {
    if (log.data()) {
      LOG.info("{} from {}", LogText.escape(chunk, log.maxDataChars()), peer);
    }
    socket.write(reply(chunk));
  }

  /** Node's {@code 'close'}: both directions are done. */
  private void onClose() {
    LOG.info("client closed connection {}", peer);
  }

  /** Node's {@code 'error'}: one line; Vert.x closes the socket and {@link #onClose} follows. */
  private void onError(Throwable error) {
    LOG.warn("connection error {}: {}", peer, OneLine.of(error));
  }

  private Buffer reply(Buffer chunk) {
    if (prefix.length() == 0) {
      return chunk;
    }
    return Buffer.buffer(prefix.length() + chunk.length()).appendBuffer(prefix).appendBuffer(chunk);
  }

  static String describe(SocketAddress address) {
    String host = address.hostAddress() != null ? address.hostAddress() : address.host();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.port();
  }
}
