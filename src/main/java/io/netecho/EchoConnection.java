package io.netecho;

import io.netecho.events.Connection;
import io.netecho.events.Peer;
import io.netecho.events.TrafficCounter;
import io.netecho.faults.Faults;
import io.netecho.log.LogText;
import io.netecho.log.OneLine;
import io.netecho.log.PeerLog;
import io.netecho.net.NodeSocket;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.function.LongSupplier;

/**
 * One client, served the way Node's echo example serves it: log {@code connected}, answer every
 * {@code 'data'} chunk with prefix + chunk, handle {@code 'end'} as {@code allowHalfOpen} says,
 * log the {@code 'close'}. Replies are built from the received bytes, never from a string, so any
 * byte sequence comes back unchanged. A connection dealt faults ({@code faults.*}) writes its replies
 * and its FIN through its {@link Faults}; any other runs exactly the plain echo.
 */
final class EchoConnection implements Connection {

  private static final PeerLog LOG = PeerLog.of(EchoConnection.class);

  private final NodeSocket socket;
  private final EchoInstance echo;
  private final TrafficCounter traffic;
  private final String peer;
  /** The faults this connection was dealt when it connected; null, the rule, when none. */
  private final Faults faults;
  /** Replies held back by {@code reply.delayMs} or a latency fault; null without, so a chunk is answered at once. */
  private final DelayedReplies delayed;
  private long bytesIn;
  private long bytesOut;
  private boolean paused;

  EchoConnection(NodeSocket socket, EchoInstance echo) {
    this.socket = socket;
    this.echo = echo;
    this.traffic = echo.traffic();
    this.peer = Peer.of(socket.remoteAddress());
    this.faults = echo.faults().deal(echo.vertx(), socket, peer, this::flowControl);
    LongSupplier latency = faults == null ? null : faults.latency();
    this.delayed = echo.delayMs() == 0 && latency == null ? null
      : new DelayedReplies(echo.vertx(), echo.delayMs(), latency, echo.prefix().length(), this::reply);
  }

  void start() {
    if (!echo.quiet()) {
      LOG.info(peer, "connected {}", peer);
    }
    socket.setWriteQueueMaxSize(echo.writeQueueMaxBytes())
      .handler(this::onData)
      .endHandler(v -> onEnd())
      .closeHandler(v -> onClose())
      .exceptionHandler(this::onError)
      .idleHandler(v -> onIdle())
      .drainHandler(v -> flowControl())
      .shutdownHandler(v -> onServerShutdown())
      .owedBeforeTlsAlert(this::owedBeforeInputEnds);
    echo.events().connected(this);
  }

  /** Node's {@code 'data'}. */
  private void onData(Buffer chunk) {
    int length = chunk.length();
    bytesIn += length;
    traffic.received(length);
    if (echo.logData() && LOG.isInfoEnabled()) {
      LOG.info(peer, "{} from {}", LogText.escape(chunk, echo.maxDataChars()), peer);
    }
    if (!socket.writable()) {
      // our FIN is out (server stopping); reading on avoids a reset, answering is no longer possible
      return;
    }
    if (delayed == null) {
      reply(chunk);
    } else {
      // the chunk's bytes are the socket's only until this handler returns
      delayed.add(chunk.copy());
    }
    flowControl();
  }

  /** Node's {@code 'end'}: the client will send nothing more. */
  private void onEnd() {
    // not in Node's example, and one line more per connection: there when debugging
    if (!echo.quiet()) {
      LOG.debug(peer, "client ended {}", peer);
    }
    echo.events().ended(this);
    if (echo.allowHalfOpen() || delayed == null) {
      // allowHalfOpen: Node leaves the write side open and the server must end() it itself, once
      // every delayed reply is out. Otherwise the replies already written go out, then our FIN.
      whenRepliesWritten(this::end);
      return;
    }
    dropDelayed("the client ended and allowHalfOpen is false");
    end();
  }

  /**
   * What must be written before a TLS 1.2 client's alert may end its input: with
   * {@code allowHalfOpen}, every delayed reply (the engine writes nothing more once it has read a
   * close_notify); otherwise nothing, as at a FIN.
   */
  private Future<Void> owedBeforeInputEnds() {
    if (!echo.allowHalfOpen() || delayed == null) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    delayed.whenEmpty(drained::tryComplete);
    return drained.future();
  }

  /** Node's {@code 'close'}: both directions are done. */
  private void onClose() {
    echo.limit().release(socket.remoteAddress());
    if (faults != null) {
      faults.closed();
    }
    dropDelayed("the connection closed first");
    if (!echo.quiet()) {
      LOG.info(peer, "client closed connection {}", peer);
    }
    echo.events().closed(this);
  }

  /** Node's {@code 'error'}: one line; Vert.x closes the socket and {@link #onClose} follows. */
  private void onError(Throwable error) {
    if (!echo.quiet()) {
      LOG.warn(peer, "connection error {}: {}", peer, OneLine.of(error));
    }
  }

  /** Node's {@code 'timeout'}, which net-echo answers by closing. */
  private void onIdle() {
    LOG.info(peer, "idle for {} s: closing {}", echo.idleTimeoutSeconds(), peer);
  }

  /** The server is stopping: what is owed is written, then our FIN, within the grace period. */
  private void onServerShutdown() {
    whenRepliesWritten(this::end);
  }

  /** A broadcast: in order with the replies, counted in bytes out but not as a reply. */
  @Override
  public Future<Void> send(Buffer message) {
    if (!socket.writable()) {
      return Future.failedFuture("connection " + peer + " is ending");
    }
    bytesOut += message.length();
    Future<Void> written = faults == null ? socket.write(message) : faults.send(message);
    flowControl();
    return written;
  }

  private void reply(Buffer chunk) {
    if (faults != null) {
      replyThroughFaults(chunk);
      return;
    }
    int length = echo.prefix().length() + chunk.length();
    bytesOut += length;
    traffic.replied(length);
    socket.write(echo.prefix(), chunk);
  }

  /** Counts what the faults let through: nothing once they stopped answering, part of a reply at a cutoff. */
  private void replyThroughFaults(Buffer chunk) {
    int length = faults.reply(echo.prefix(), chunk);
    if (length > 0) {
      bytesOut += length;
      traffic.replied(length);
    }
  }

  /** Node's {@code socket.end()}: our FIN, which faults may hold back. */
  private void end() {
    if (faults == null) {
      socket.end();
    } else {
      faults.end();
    }
  }

  private void whenRepliesWritten(Runnable action) {
    if (delayed == null) {
      action.run();
    } else {
      delayed.whenEmpty(action);
    }
  }

  private void dropDelayed(String why) {
    int dropped = delayed == null ? 0 : delayed.drop();
    if (dropped > 0) {
      LOG.info(peer, "dropped {} delayed replies to {}: " + why, dropped, peer);
      echo.events().dropped(this, dropped);
    }
  }

  /**
   * Backpressure: while the replies owed to a client (unsent, or held by the delay) exceed
   * {@code writeQueueMaxBytes}, that client is not read, so server memory stays bounded.
   */
  private void flowControl() {
    boolean full = socket.writeQueueFull()
      || delayed != null && delayed.pendingBytes() >= echo.writeQueueMaxBytes()
      || faults != null && faults.pendingBytes() >= echo.writeQueueMaxBytes();
    if (full != paused) {
      paused = full;
      if (full) {
        socket.pause();
      } else {
        socket.resume();
      }
    }
  }

  @Override
  public String peer() {
    return peer;
  }

  @Override
  public String instance() {
    return echo.name();
  }

  @Override
  public long bytesIn() {
    return bytesIn;
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeBufferFull();
  }

  @Override
  public long queuedBytes() {
    return socket.queuedBytes();
  }

  @Override
  public long bytesOut() {
    return bytesOut;
  }
}
