package io.netecho.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client that writes {@code total} bytes and never reads (auto-read off): it writes as fast as
 * its own socket accepts, so a server that stops reading it stalls it. {@link #written} counts the
 * bytes its kernel accepted.
 */
final class SlowReader extends Load {

  private final long total;
  private final int chunk;
  private final ByteBuf data;
  private final AtomicLong written = new AtomicLong();
  private long queued;

  SlowReader(LoadClient client, long total, int chunk) {
    super(client);
    this.total = total;
    this.chunk = chunk;
    this.data = Unpooled.unreleasableBuffer(Unpooled.directBuffer(chunk).writeBytes(RequestResponse.payload(chunk)));
  }

  @Override
  boolean hasLatency() {
    return false;
  }

  @Override
  void start(InetSocketAddress server) {
    running = true;
    client.bootstrap(server, Writer::new).option(ChannelOption.AUTO_READ, false).connect().addListener(done -> {
      if (!done.isSuccess()) {
        errors++;
      }
    });
  }

  long written() {
    return written.get();
  }

  long total() {
    return total;
  }

  private void pump(Channel channel) {
    while (running && channel.isWritable() && queued < total) {
      int n = (int) Math.min(chunk, total - queued);
      queued += n;
      channel.write(data.slice(0, n)).addListener(done -> {
        if (done.isSuccess()) {
          written.addAndGet(n);
        }
      });
    }
    channel.flush();
  }

  private final class Writer extends ChannelInboundHandlerAdapter {

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      track(ctx.channel());
      pump(ctx.channel());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        pump(ctx.channel());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors++;
      ctx.close();
    }
  }
}
