package io.netecho.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Churn: {@code concurrency} workers, each in a loop of connect, one 64 B echo, close; a cycle is
 * complete when the connection is closed, and its latency is the whole cycle. The client closes
 * first, so TIME_WAIT stays on the client side, where Linux reuses it for loopback connections.
 */
final class Churn extends Load {

  private final int concurrency;
  private final ByteBuf message;
  private final int replyLength;
  private Bootstrap bootstrap;

  Churn(LoadClient client, int concurrency, String prefix) {
    super(client);
    this.concurrency = concurrency;
    byte[] payload = RequestResponse.payload(64);
    this.message = Unpooled.unreleasableBuffer(Unpooled.directBuffer(payload.length).writeBytes(payload));
    this.replyLength = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + payload.length;
  }

  @Override
  void start(InetSocketAddress server) {
    running = true;
    bootstrap = client.bootstrap(server, () -> null);
    for (int i = 0; i < concurrency; i++) {
      next();
    }
  }

  private void next() {
    if (!running) {
      return;
    }
    long started = System.nanoTime();
    bootstrap.clone().handler(new Cycle(started)).connect().addListener(done -> {
      if (!done.isSuccess()) {
        errors++;
        client.loop().schedule(this::next, 1, TimeUnit.MILLISECONDS);
      }
    });
  }

  private final class Cycle extends ChannelInboundHandlerAdapter {

    private final long started;
    private long bytes;
    private boolean echoed;

    Cycle(long started) {
      this.started = started;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      track(ctx.channel());
      ctx.writeAndFlush(message.duplicate(), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      bytes += in.readableBytes();
      in.release();
      if (!echoed && bytes >= replyLength) {
        echoed = true;
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (echoed && bytes == replyLength) {
        record(started);
        completed++;
      } else if (running) {
        errors++;
      }
      next();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
