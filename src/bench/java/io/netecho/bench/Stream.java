package io.netecho.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetSocketAddress;

/**
 * Stream: each connection keeps {@code window} bytes in flight, written in chunks, and checks that
 * every byte comes back exactly (empty prefix); a mismatch counts as an error and closes the
 * connection. The data is printable ASCII, so a server that turns chunks into strings (Node's
 * example does) still echoes it byte for byte. Completed units are echoed bytes.
 */
final class Stream extends Load {

  private static final int PERIOD = 95;
  private static final int MAX_COMPARE = 65536;

  private final int connections;
  private final int window;
  private final int chunk;
  private final ByteBuf pattern;

  Stream(LoadClient client, int connections, int window, int chunk) {
    super(client);
    this.connections = connections;
    this.window = window;
    this.chunk = chunk;
    int length = PERIOD * ((Math.max(chunk, MAX_COMPARE) / PERIOD) + 2);
    ByteBuf bytes = Unpooled.directBuffer(length);
    for (int i = 0; i < length; i++) {
      bytes.writeByte(' ' + i % PERIOD);
    }
    this.pattern = Unpooled.unreleasableBuffer(bytes);
  }

  @Override
  boolean hasLatency() {
    return false;
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

    private long sent;
    private long received;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      track(ctx.channel());
      fill(ctx);
      ctx.flush();
    }

    private void fill(ChannelHandlerContext ctx) {
      while (running && sent - received + chunk <= window) {
        ctx.write(pattern.slice((int) (sent % PERIOD), chunk), ctx.voidPromise());
        sent += chunk;
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        int at = in.readerIndex();
        int left = in.readableBytes();
        while (left > 0) {
          int n = Math.min(left, MAX_COMPARE);
          if (!ByteBufUtil.equals(in, at, pattern, (int) (received % PERIOD), n)) {
            errors++;
            ctx.close();
            return;
          }
          at += n;
          left -= n;
          received += n;
          completed += n;
        }
      } finally {
        in.release();
      }
      fill(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
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
