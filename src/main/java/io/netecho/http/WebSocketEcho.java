package io.netecho.http;

import io.netecho.log.OneLine;
import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.netecho.net.ReplyPrefix;
import io.netecho.stats.HttpStats;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket at {@code /ws}, served as the TCP echo serves a connection: every message is answered
 * with prefix + message, a text message with a text message, a binary one with a binary one, and is
 * logged (escaped) and counted. Messages, not frames: {@link WebSocketMessages} reassembles fragments
 * up to {@code http.maxWebSocketMessageBytes}; Vert.x answers pings and completes the close handshake
 * (echoing the client's close code and reason, RFC 6455 5.5.1). A message over the limit closes the
 * WebSocket with 1009 (message too big), a text message that is not UTF-8 with 1007, and a frame that
 * breaks the protocol with the code Netty gives it.
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

  private WebSocketEcho(ServerWebSocket socket, NetEchoConfig config, HttpStats stats, String peer) {
    this.socket = socket;
    this.config = config;
    this.stats = stats;
    this.prefix = ReplyPrefix.of(config.reply().prefix());
    this.peer = peer;
  }

  /** Completes the upgrade of {@code request} and serves the WebSocket; a failed handshake is one line. */
  static void accept(HttpServerRequest request, NetEchoConfig config, HttpStats stats, String peer) {
    request.toWebSocket()
      .onSuccess(socket -> new WebSocketEcho(socket, config, stats, peer).start())
      .onFailure(err -> LOG.info("websocket handshake with {} failed: {}", peer, OneLine.of(err)));
  }

  private void start() {
    LOG.info("websocket connected {}", peer);
    stats.webSocketOpened();
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
    // the reply's bytes are the prefix's and the message's: no need to encode it again to count them
    stats.messageSent(prefix.length() + bytes.length());
    socket.writeTextMessage(config.reply().prefix() + text);
    flowControl();
  }

  @Override
  public void binary(Buffer message) {
    received(message, " (binary)");
    Buffer reply = prefix.before(message);
    stats.messageSent(reply.length());
    socket.writeBinaryMessage(reply);
    flowControl();
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
    Short code = socket.closeStatusCode();
    if (code == null || code == ABNORMAL_CLOSURE) {
      LOG.info("websocket closed {} without a close frame (1006)", peer);
    } else {
      String reason = socket.closeReason() == null ? "" : socket.closeReason();
      LOG.info("websocket closed {} ({} {})", peer, code, LogText.escape(Buffer.buffer(reason), config.log().maxDataChars()));
    }
  }
}
