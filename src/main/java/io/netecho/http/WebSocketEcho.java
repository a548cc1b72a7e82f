package io.netecho.http;

import io.netecho.log.OneLine;
import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.netecho.net.ReplyPrefix;
import io.netecho.stats.HttpStats;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One WebSocket at {@code /ws}, served as the TCP echo serves a connection: every message is answered
 * with prefix + message, a text message with a text message, a binary one with a binary one, and is
 * logged (escaped) and counted. Messages, not frames: {@link WebSocketMessages} reassembles fragments
 * up to {@code http.maxWebSocketMessageBytes}; Vert.x answers pings and completes the close handshake
 * (echoing the client's close code and reason, RFC 6455 5.5.1). A message over the limit closes the
 * WebSocket with 1009 (message too big), a text message that is not UTF-8 with 1007, and a frame that
 * breaks the protocol with the code Netty gives it.
 *
 * <p>The upgrade request's query may ask for faults ({@link WebSocketFaults}): each reply delayed, a
 * close frame or a dropped connection after N replies. A WebSocket that asks for none takes the plain
 * path, untouched.
 */
final class WebSocketEcho implements WebSocketMessages.Listener {

  /** RFC 6455 7.4.1: the endpoint is going away (the server stops). */
  static final short GOING_AWAY = 1001;
  /** RFC 6455 7.4.1: never sent; Vert.x's code for a connection closed without a close frame. */
  static final short ABNORMAL_CLOSURE = 1006;
  /** RFC 6455 7.4.1: a text message that is not UTF-8 (data inconsistent with its type). */
  static final short INVALID_PAYLOAD = 1007;
  /** RFC 6455 7.4.1: a message too big to process. */
  static final short MESSAGE_TOO_BIG = 1009;

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketEcho.class);

  private final ServerWebSocket socket;
  private final NetEchoConfig config;
  private final HttpStats stats;
  private final ReplyPrefix prefix;
  private final String peer;
  /** Null when the upgrade asked for none. */
  private final WebSocketFaults faults;
  private final Context context;
  private final HttpConnection connection;
  /** Replies waiting for their {@code delay=}, in order; their times never decrease. */
  private final ArrayDeque<Due> delayed = new ArrayDeque<>();
  private long timer = -1;
  /** Messages taken for a reply, under faults. */
  private int taken;

  private record Due(long atNanos, Runnable send) {
  }

  private WebSocketEcho(ServerWebSocket socket, NetEchoConfig config, HttpStats stats, String peer,
                        WebSocketFaults faults, Context context, HttpConnection connection) {
    this.socket = socket;
    this.config = config;
    this.stats = stats;
    this.prefix = ReplyPrefix.of(config.reply().prefix());
    this.peer = peer;
    this.faults = faults;
    this.context = context;
    this.connection = connection;
  }

  /**
   * Completes the upgrade of {@code request} and serves the WebSocket; a failed handshake is one line.
   * Faults asked for with bad values are answered 400 with one line, and there is no WebSocket.
   */
  static void accept(HttpServerRequest request, NetEchoConfig config, HttpStats stats, String peer) {
    WebSocketFaults faults;
    try {
      faults = WebSocketFaults.of(request.query(), config.http().maxDelayMs());
    } catch (BadRequest bad) {
      LOG.info("websocket upgrade from {} refused: {}", peer, bad.getMessage());
      Httpbin.badRequest(request, bad.getMessage());
      return;
    }
    Context context = Vertx.currentContext();
    HttpConnection connection = request.connection();
    request.toWebSocket()
      .onSuccess(socket -> new WebSocketEcho(socket, config, stats, peer, faults, context, connection).start())
      .onFailure(err -> LOG.info("websocket handshake with {} failed: {}", peer, OneLine.of(err)));
  }

  private void start() {
    LOG.info("websocket connected {}", peer);
    stats.webSocketOpened();
    if (faults != null) {
      LOG.info("websocket {} asked for faults: {}", peer, describe());
      stats.webSocketFaults(faults.delay() != null, faults.closeAfter() >= 0, faults.dropAfter() >= 0);
      if (faults.endAfter() == 0) {
        end();
      }
    }
    socket.setWriteQueueMaxSize(config.writeQueueMaxBytes());
    socket.frameHandler(new WebSocketMessages(config.http().maxWebSocketMessageBytes(), this))
      .exceptionHandler(this::onError)
      .drainHandler(v -> socket.resume())
      .shutdownHandler(v -> socket.close(GOING_AWAY, "server stopping"))
      .closeHandler(v -> onClose());
  }

  @Override
  public void text(String text, Buffer bytes) {
    received(bytes, "");
    if (faults != null) {
      faulty(prefix.length() + bytes.length(), () -> socket.writeTextMessage(config.reply().prefix() + text));
      return;
    }
    // the reply's bytes are the prefix's and the message's: no need to encode it again to count them
    stats.messageSent(prefix.length() + bytes.length());
    socket.writeTextMessage(config.reply().prefix() + text);
    flowControl();
  }

  @Override
  public void binary(Buffer message) {
    received(message, " (binary)");
    Buffer reply = prefix.before(message);
    if (faults != null) {
      faulty(reply.length(), () -> socket.writeBinaryMessage(reply));
      return;
    }
    stats.messageSent(reply.length());
    socket.writeBinaryMessage(reply);
    flowControl();
  }

  /**
   * A reply under faults: after its {@code delay=}, in order; the last one before {@code closeAfter} or
   * {@code dropAfter} ends the WebSocket once written, and messages after it are read, not answered.
   */
  private void faulty(long bytes, Supplier<Future<Void>> write) {
    int endAfter = faults.endAfter();
    if (endAfter >= 0 && taken >= endAfter) {
      return;
    }
    taken++;
    boolean last = taken == endAfter;
    Runnable send = () -> {
      stats.messageSent(bytes);
      Future<Void> written = write.get();
      if (last) {
        written.onComplete(v -> end());
      }
      flowControl();
    };
    long ms = faults.delayMs();
    if (ms == 0 && delayed.isEmpty()) {
      send.run();
      return;
    }
    long at = System.nanoTime() + ms * 1_000_000L;
    if (!delayed.isEmpty()) {
      at = Math.max(at, delayed.peekLast().atNanos());
    }
    delayed.add(new Due(at, send));
    if (timer < 0) {
      sendDue();
    }
  }

  private void sendDue() {
    timer = -1;
    long now = System.nanoTime();
    while (!delayed.isEmpty() && delayed.peek().atNanos() <= now) {
      delayed.poll().send().run();
    }
    if (!delayed.isEmpty()) {
      long waitMs = Math.max(1, (delayed.peek().atNanos() - now + 999_999) / 1_000_000);
      timer = context.owner().setTimer(waitMs, id -> sendDue());
    }
  }

  /** {@code closeAfter}: a close frame with {@code closeCode}; {@code dropAfter}: the TCP connection closed, no close frame. */
  private void end() {
    if (faults.closeAfter() >= 0) {
      LOG.info("websocket {} closed with {} after {} messages (closeAfter)", peer, faults.closeCode(), faults.closeAfter());
      socket.close(faults.closeCode(), "closeAfter " + faults.closeAfter());
    } else {
      LOG.info("websocket {} dropped without a close frame after {} messages (dropAfter)", peer, faults.dropAfter());
      // Vert.x has no public way to close an upgraded connection without the close handshake: its
      // channel, closed from the pipeline's head, below Vert.x's handler that would send a close frame
      Channel channel = connection instanceof ConnectionBase base ? base.channel() : null;
      if (channel != null) {
        channel.pipeline().firstContext().close();
      } else {
        connection.close();
      }
    }
  }

  private String describe() {
    List<String> asked = new ArrayList<>();
    if (faults.delay() != null) {
      asked.add("delay " + faults.delay());
    }
    if (faults.closeAfter() >= 0) {
      asked.add("close " + faults.closeCode() + " after " + faults.closeAfter());
    }
    if (faults.dropAfter() >= 0) {
      asked.add("drop after " + faults.dropAfter());
    }
    return String.join(", ", asked);
  }

  private void received(Buffer message, String kind) {
    stats.messageReceived(message.length());
    if (config.log().data()) {
      LOG.info("{} from websocket {}{}", LogText.escape(message, config.log().maxDataChars()), peer, kind);
    }
  }

  /** A client that sends but does not read is not read either while its replies are queued. */
  private void flowControl() {
    if (socket.writeQueueFull()) {
      socket.pause();
    }
  }

  private void onError(Throwable error) {
    if (error instanceof CorruptedWebSocketFrameException corrupted) {
      // Netty refused a frame (over the frame limit, or against the protocol); Vert.x closes the
      // connection right after this handler: the close frame goes first
      short code = (short) corrupted.closeStatus().code();
      if (code == MESSAGE_TOO_BIG) {
        tooBig();
      } else {
        LOG.info("websocket {} broke the protocol ({}): closing with {}", peer, OneLine.of(error), code);
        socket.close(code, corrupted.closeStatus().reasonText());
      }
    } else if (!(error instanceof HttpClosedException)) {
      // (a connection closed without the close handshake is the close line's to tell)
      LOG.info("websocket error {}: {}", peer, OneLine.of(error));
    }
  }

  @Override
  public void tooBig() {
    stats.messageTooLarge();
    int max = config.http().maxWebSocketMessageBytes();
    LOG.info("websocket message from {} over {} bytes: closing with {}", peer, max, MESSAGE_TOO_BIG);
    socket.close(MESSAGE_TOO_BIG, "message over " + max + " bytes");
  }

  @Override
  public void notUtf8() {
    LOG.info("websocket text message from {} is not UTF-8: closing with {}", peer, INVALID_PAYLOAD);
    socket.close(INVALID_PAYLOAD, "text message not UTF-8");
  }

  private void onClose() {
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
    }
    delayed.clear();
    Short code = socket.closeStatusCode();
    if (code == null || code == ABNORMAL_CLOSURE) {
      LOG.info("websocket closed {} without a close frame (1006)", peer);
    } else {
      String reason = socket.closeReason() == null ? "" : socket.closeReason();
      LOG.info("websocket closed {} ({} {})", peer, code, LogText.escape(Buffer.buffer(reason), config.log().maxDataChars()));
    }
  }
}
