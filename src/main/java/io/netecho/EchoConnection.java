package io.netecho;

import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.netecho.log.PeerLog;
import io.netecho.net.NodeSocket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * One client, served the way Node's echo example serves it: log {@code connected}, answer every
 * {@code 'data'} chunk with prefix + chunk, handle {@code 'end'} as {@code allowHalfOpen} says,
 * log the {@code 'close'}. Replies are built from the received bytes, never from a string, so any
 * byte sequence comes back unchanged.
 */
final class EchoConnection implements Connection {

  private static final PeerLog LOG = PeerLog.of(EchoConnection.class);

  private final NodeSocket socket;
  private final NetEchoConfig config;
  private final ConnectionLimit limit;
  private final ConnectionEvents events;
  private final Buffer prefix;
  private final String peer;
  private final String instance;
  private final DelayedReplies replies;
  private long bytesIn;
  private long bytesOut;
  private boolean paused;

  private EchoConnection(Vertx vertx, NetSocket socket, NetEchoConfig config, ConnectionLimit limit,
                         ConnectionEvents events) {
    this.socket = NodeSocket.of(socket);
    this.config = config;
    this.limit = limit;
    this.events = events;
    this.prefix = Buffer.buffer(config.reply().prefix());
    this.peer = describe(socket.remoteAddress());
    this.instance = Thread.currentThread().getName();
    this.replies = new DelayedReplies(vertx, config.reply().delayMs(), this::writeReply);
  }

  /** Serves the client, or closes it at once when the server is at {@code maxConnections}. */
  static void serve(Vertx vertx, NetSocket socket, NetEchoConfig config, ConnectionLimit limit, ConnectionEvents events) {
    if (!limit.tryAcquire()) {
      // Node's 'drop'
      limit.logRejected(describe(socket.remoteAddress()));
      events.rejected(socket.remoteAddress());
      socket.close();
      return;
    }
    new EchoConnection(vertx, socket, config, limit, events).start();
  }

  private void start() {
    LOG.info(peer, "connected {}", peer);
    NetSocket raw = socket.socket();
    raw.setWriteQueueMaxSize(config.writeQueueMaxBytes());
    socket.handler(this::onData).endHandler(v -> onEnd()).idleHandler(v -> onIdle());
    raw.closeHandler(v -> onClose());
    raw.exceptionHandler(this::onError);
    raw.drainHandler(v -> flowControl());
    raw.shutdownHandler(v -> onServerShutdown());
    events.connected(this);
  }

  /** Node's {@code 'data'}. */
  private void onData(Buffer chunk) {
    bytesIn += chunk.length();
    events.received(this, chunk.length());
    if (config.log().data() && LOG.isInfoEnabled()) {
      LOG.info(peer, "{} from {}", LogText.escape(chunk, config.log().maxDataChars()), peer);
    }
    if (!socket.writable()) {
      // our FIN is out (server stopping); reading on avoids a reset, answering is no longer possible
      return;
    }
    replies.add(reply(chunk));
    flowControl();
  }

  /** Node's {@code 'end'}: the client will send nothing more. */
  private void onEnd() {
    // not in Node's example, and one line more per connection: there when debugging
    LOG.debug(peer, "client ended {}", peer);
    events.ended(this);
    if (config.allowHalfOpen()) {
      // Node leaves the write side open in this mode and the server must end() it itself.
      replies.whenEmpty(socket::end);
      return;
    }
    int dropped = replies.drop();
    if (dropped > 0) {
      LOG.info(peer, "dropped {} delayed replies to {}: the client ended and allowHalfOpen is false", dropped, peer);
      events.dropped(this, dropped);
    }
    socket.end();
  }

  /** Node's {@code 'close'}: both directions are done. */
  private void onClose() {
    limit.release();
    int dropped = replies.drop();
    if (dropped > 0) {
      LOG.info(peer, "dropped {} delayed replies to {}: the connection closed first", dropped, peer);
      events.dropped(this, dropped);
    }
    LOG.info(peer, "client closed connection {}", peer);
    events.closed(this);
  }

  /** Node's {@code 'error'}: one line; Vert.x closes the socket and {@link #onClose} follows. */
  private void onError(Throwable error) {
    LOG.warn(peer, "connection error {}: {}", peer, OneLine.of(error));
  }

  /** Node's {@code 'timeout'}, which net-echo answers by closing. */
  private void onIdle() {
    LOG.info(peer, "idle for {} s: closing {}", config.idleTimeoutSeconds(), peer);
  }

  /** The server is stopping: what is owed is written, then our FIN, within the grace period. */
  private void onServerShutdown() {
    replies.whenEmpty(socket::end);
  }

  /** A broadcast: in order with the replies, counted in bytes out but not as a reply. */
  @Override
  public Future<Void> send(Buffer message) {
    return socket.writable() ? write(message) : Future.failedFuture("connection " + peer + " is ending");
  }

  private void writeReply(Buffer reply) {
    events.replied(this, reply.length());
    write(reply);
  }

  private Future<Void> write(Buffer data) {
    bytesOut += data.length();
    Future<Void> written = socket.write(data);
    flowControl();
    return written;
  }

  /**
   * Backpressure: while the replies owed to a client (unsent, or held by the delay) exceed
   * {@code writeQueueMaxBytes}, that client is not read, so server memory stays bounded.
   */
  private void flowControl() {
    boolean full = socket.socket().writeQueueFull() || replies.pendingBytes() >= config.writeQueueMaxBytes();
    if (full && !paused) {
      paused = true;
      socket.socket().pause();
    } else if (!full && paused) {
      paused = false;
      socket.socket().resume();
    }
  }

  /** Prefix + chunk as one composite buffer over the two: the received bytes are not copied. */
  private Buffer reply(Buffer chunk) {
    if (prefix.length() == 0) {
      return chunk;
    }
    return BufferInternal.buffer(Unpooled.wrappedBuffer(
      ((BufferInternal) prefix).getByteBuf(), ((BufferInternal) chunk).getByteBuf()));
  }

  static String describe(SocketAddress address) {
    if (address == null) {
      // io_uring may accept a connection the client has already reset: its address is gone
      return "unknown peer";
    }
    String host = address.hostAddress() != null ? address.hostAddress() : address.host();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.port();
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
}
