package io.netecho.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * {@code reply.prefix} as bytes (UTF-8), and the one place a reply is put together: prefix, then the
 * received bytes unchanged. A reply written at once goes through {@link NodeSocket#write(ReplyPrefix, Buffer)},
 * which puts it together in the socket's own buffer; one that must wait (a delay, a fault) or leaves
 * as a datagram or a WebSocket frame is put together by {@link #before}.
 */
public final class ReplyPrefix {

  private final Buffer bytes;
  /** The same bytes for {@link NodeSocket}, read by index only, so no write needs a copy of its own. */
  private final ByteBuf raw;

  private ReplyPrefix(byte[] bytes) {
    this.bytes = Buffer.buffer(bytes);
    this.raw = Unpooled.wrappedBuffer(bytes);
  }

  public static ReplyPrefix of(String prefix) {
    return new ReplyPrefix(prefix.getBytes(StandardCharsets.UTF_8));
  }

  /** The prefix's length in bytes. */
  public int length() {
    return bytes.length();
  }

  /** The prefix's bytes; not to be changed. */
  public Buffer bytes() {
    return bytes;
  }

  /** The prefix as Netty reads it; its indices are never moved. */
  ByteBuf raw() {
    return raw;
  }

  /** prefix + {@code data} in a new buffer of its own, which {@code data} may outlive. */
  public Buffer before(Buffer data) {
    return Buffer.buffer(bytes.length() + data.length()).appendBuffer(bytes).appendBuffer(data);
  }
}
