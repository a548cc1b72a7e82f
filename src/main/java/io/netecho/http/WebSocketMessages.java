package io.netecho.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * WebSocket frames reassembled into messages, as Vert.x's own text and binary message handlers do,
 * with what they lack: a text message must be valid UTF-8 (RFC 6455 8.1: fail the connection,
 * close code 1007), where Vert.x would hand over a string with each bad byte replaced. A message
 * larger than {@code maxBytes}, counted over its fragments, is refused as it grows, before it is
 * all held. Control frames (ping, pong, close) are Vert.x's.
 */
final class WebSocketMessages implements Handler<WebSocketFrame> {

  /** What a message, or a refusal, is handed to. */
  interface Listener {

    /** A whole text message: its text, and the bytes it arrived as. */
    void text(String text, Buffer bytes);

    void binary(Buffer message);

    /** The message being reassembled went over the limit; nothing more is reassembled. */
    void tooBig();

    /** A text message is not valid UTF-8; nothing more is reassembled. */
    void notUtf8();
  }

  private final int maxBytes;
  private final Listener listener;
  /** The message being reassembled; null between messages. */
  private Buffer message;
  private boolean text;
  private boolean refused;

  WebSocketMessages(int maxBytes, Listener listener) {
    this.maxBytes = maxBytes;
    this.listener = listener;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (refused) {
      return;
    }
    switch (frame.type()) {
      case TEXT, BINARY -> {
        text = frame.isText();
        message = Buffer.buffer();
        append(frame);
      }
      // Netty refuses a continuation that continues nothing before it gets here
      case CONTINUATION -> append(frame);
      default -> {
      }
    }
  }

  private void append(WebSocketFrame frame) {
    Buffer data = frame.binaryData();
    if (message.length() + data.length() > maxBytes) {
      refuse();
      listener.tooBig();
      return;
    }
    message.appendBuffer(data);
    if (!frame.isFinal()) {
      return;
    }
    Buffer whole = message;
    message = null;
    if (!text) {
      listener.binary(whole);
      return;
    }
    String decoded = utf8(whole);
    if (decoded == null) {
      refuse();
      listener.notUtf8();
    } else {
      listener.text(decoded, whole);
    }
  }

  private void refuse() {
    refused = true;
    message = null;
  }

  /** The text of {@code bytes}, or null when they are not UTF-8 (Java's decoder follows RFC 3629). */
  private static String utf8(Buffer bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes.getBytes()))
        .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
