package io.netecho.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Request/response: each connection has one message in flight; the reply is complete when the
 * prefix and every byte of the message are back. The server may answer a message in several
 * chunks, each with its own prefix, so the prefix is counted by its first byte, which the message
 * never contains (lower-case letters and digits only); the reply length must add up exactly.
 */
final class RequestResponse extends Load {

  private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);

  private final int connections;
  private final ByteBuf message;
  private final int size;
  private final int prefixLength;
  private final byte prefixMark;

  RequestResponse(LoadClient client, int connections, int size, String prefix) {
    super(client);
    byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
    this.connections = connections;
    this.size = size;
    this.message = Unpooled.unreleasableBuffer(Unpooled.directBuffer(size).writeBytes(payload(size)));
    this.prefixLength = prefixBytes.length;
    this.prefixMark = prefixLength > 0 ? prefixBytes[0] : 0;
    for (int i = 1; i < prefixLength; i++) {
      if (prefixBytes[i] == prefixMark) {
        throw new IllegalArgumentException("the prefix's first byte must occur in it once: " + prefix);
      }
    }
    for (byte b : ALPHABET) {
      if (prefixLength > 0 && b == prefixMark) {
        throw new IllegalArgumentException("the prefix must not start with a payload character: " + prefix);
      }
    }
  }

  /** {@code size} bytes of lower-case letters and digits. */
  static byte[] payload(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = ALPHABET[(i * 7 + i / ALPHABET.length) % ALPHABET.length];
    }
    return bytes;
  }

  @Override
  void start(InetSocketAddress server) {
    running = true;
    var bootstrap = client.bootstrap(server, Connection::new);
    for (int i = 0; i < connections; i++) {
      bootstrap.connect().addListener(done -> {
        if (!done.isSuccess()) {
          errors++;
        }
      });
    }
  }

  private final class Connection extends ChannelInboundHandlerAdapter {

    private long sentAt;
    private long bytes;
    private long prefixes;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      track(ctx.channel());
      send(ctx);
    }

    private void send(ChannelHandlerContext ctx) {
      sentAt = System.nanoTime();
      ctx.writeAndFlush(message.duplicate(), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        bytes += in.readableBytes();
        if (prefixLength > 0) {
          int end = in.writerIndex();
          for (int i = in.indexOf(in.readerIndex(), end, prefixMark); i >= 0; i = in.indexOf(i + 1, end, prefixMark)) {
            prefixes++;
          }
        }
      } finally {
        in.release();
      }
      long payloadBytes = bytes - prefixes * prefixLength;
      if (payloadBytes >= size) {
        if (payloadBytes > size) {
          errors++;
        }
        record(sentAt);
        completed++;
        bytes = 0;
        prefixes = 0;
        if (running) {
          send(ctx);
        }
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (running) {
        errors++;
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (running) {
        errors++;
      }
      ctx.close();
    }
  }
}
