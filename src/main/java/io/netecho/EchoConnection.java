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
final class EchoConnection implements Connection {

  private static final Logger LOG = LoggerFactory.getLogger(EchoConnection.class);

  private final NetSocket socket;
  private final Buffer prefix;
  private final NetEchoConfig.Log log;
  private final String peer;
  private final ConnectionEvents events;
  private final String instance = Thread.currentThread().getName();
  private long bytesIn;
  private long bytesOut;

  private EchoConnection(NetSocket socket, NetEchoConfig config, ConnectionEvents events) {
    this.socket = socket;
    this.events = events;
    this.prefix = Buffer.buffer(config.reply().prefix());
    this.log = config.log();
    this.peer = describe(socket.remoteAddress());
  }

  static void serve(NetSocket socket, NetEchoConfig config, ConnectionEvents events) {
    new EchoConnection(socket, config, events).start();
  }

  private void start() {
    LOG.info("connected {}", peer);
    events.connected(this);
    socket.handler(this::onData);
    socket.endHandler(v -> events.ended(this));
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(this::onError);
  }

  /** Node's {@code 'data'}. */
  private void onData(Buffer chunk) {
    if (log.data()) {
      LOG.info("{} from {}", LogText.escape(chunk, log.maxDataChars()), peer);
    }
    bytesIn += chunk.length();
    events.received(this, chunk.length());
    Buffer reply = reply(chunk);
    socket.write(reply);
    bytesOut += reply.length();
    events.replied(this, reply.length());
  }

  /** Node's {@code 'close'}: both directions are done. */
  private void onClose() {
    LOG.info("client closed connection {}", peer);
    events.closed(this);
  }

  /** Node's {@code 'error'}: one line; Vert.x closes the socket and {@link #onClose} follows. */
  private void onError(Throwable error) {
    LOG.warn("connection error {}: {}", peer, OneLine.of(error));
  }

  @Override
  public String peer() {
    return peer;
  }

  @Override
  public String instance() {
    return instance;
  }

  @Override
  public long bytesIn() {
    return bytesIn;
  }

  @Override
  public long bytesOut() {
    return bytesOut;
  }

  @Override
  public io.vertx.core.Future<Void> send(Buffer message) {
    bytesOut += message.length();
    return socket.write(message);
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
