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

/**
 * One client, served the way Node's echo example serves it: log {@code connected}, answer every
 * {@code 'data'} chunk with prefix + chunk, handle {@code 'end'} as {@code allowHalfOpen} says,
 * log the {@code 'close'}. Replies are built from the received bytes, never from a string, so any
 * byte sequence comes back unchanged. Where they go is chosen once, when the client connects
 * ({@link Replies}): straight to the socket unless a reply delay or faults ask for more.
 */
final class EchoConnection implements Connection, Replies.Written {

  private static final PeerLog LOG = PeerLog.of(EchoConnection.class);

  private final NodeSocket socket;
  private final EchoInstance echo;
  private final TrafficCounter traffic;
  private final String peer;
  private final Replies replies;
  private long bytesIn;
  private long bytesOut;
  private boolean paused;

  EchoConnection(NodeSocket socket, EchoInstance echo) {
    this.socket = socket;
    this.echo = echo;
    this.traffic = echo.traffic();
    this.peer = Peer.of(socket.remoteAddress());
    this.replies = replies(echo.faults().deal(echo.vertx(), socket, peer, this::flowControl));
  }

  /** The plain echo's replies unless a reply delay or dealt faults (null: none) ask for more. */
  private Replies replies(Faults faults) {
    if (echo.delayMs() == 0 && faults == null) {
      return new DirectReplies(socket, echo.prefix(), this);
    }
    return new HeldReplies(echo.vertx(), socket, echo.prefix(), echo.delayMs(), faults, this, this::flowControl);
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
      .shutdownHandler(v -> replies.whenWritten(replies::end))
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
    replies.reply(chunk);
    flowControl();
  }

  /** Node's {@code 'end'}: the client will send nothing more. */
  private void onEnd() {
    // not in Node's example, and one line more per connection: there when debugging
    if (!echo.quiet()) {
      LOG.debug(peer, "client ended {}", peer);
    }
    echo.events().ended(this);
    if (echo.allowHalfOpen()) {
      // Node leaves the write side open; the server must end() it itself, once every reply is out
      replies.whenWritten(replies::end);
    } else {
      // the replies already written go out, then our FIN; those still held are not sent
      dropHeld("the client ended and allowHalfOpen is false");
      replies.end();
    }
  }

  /**
   * What must be written before a TLS 1.2 client's alert may end its input: with
   * {@code allowHalfOpen}, every held reply (the engine writes nothing more once it has read a
   * close_notify); otherwise nothing, as at a FIN.
   */
  private Future<Void> owedBeforeInputEnds() {
    if (!echo.allowHalfOpen()) {
      return Future.succeededFuture();
    }
    Promise<Void> written = Promise.promise();
    replies.whenWritten(written::tryComplete);
    return written.future();
  }

  /** Node's {@code 'close'}: both directions are done. */
  private void onClose() {
    echo.limit().release(socket.remoteAddress());
    replies.closed();
    dropHeld("the connection closed first");
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

  private void dropHeld(String why) {
    int dropped = replies.dropHeld();
    if (dropped > 0) {
      LOG.info(peer, "dropped {} delayed replies to {}: " + why, dropped, peer);
      echo.events().dropped(this, dropped);
    }
  }

  /**
   * Backpressure: while the replies owed to a client (unsent, or held back) exceed
   * {@code writeQueueMaxBytes}, that client is not read, so server memory stays bounded.
   */
  private void flowControl() {
    boolean full = socket.writeQueueFull() || replies.heldBytes() >= echo.writeQueueMaxBytes();
    if (full != paused) {
      paused = full;
      if (full) {
        socket.pause();
      } else {
        socket.resume();
      }
    }
  }

  /** A broadcast: in order with the replies, counted in bytes out but not as a reply. */
  @Override
  public Future<Void> send(Buffer message) {
    if (!socket.writable()) {
      return Future.failedFuture("connection " + peer + " is ending");
    }
    Future<Void> written = replies.send(message);
    flowControl();
    return written;
  }

  @Override
  public void replied(int bytes) {
    bytesOut += bytes;
    traffic.replied(bytes);
  }

  @Override
  public void sent(int bytes) {
    bytesOut += bytes;
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
