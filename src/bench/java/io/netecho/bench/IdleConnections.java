package io.netecho.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens {@code count} connections, at most {@code parallel} being set up at a time (so the
 * server's accept backlog never overflows), each echoing one byte so the server has surely set it
 * up; then they stay open and silent until {@link #close}.
 */
final class IdleConnections extends Load {

  private final int count;
  private final int parallel;
  private final int replyLength;
  private final ByteBuf message = Unpooled.unreleasableBuffer(Unpooled.directBuffer(1).writeByte('a'));
  private final CompletableFuture<Void> allReady = new CompletableFuture<>();
  private Bootstrap bootstrap;
  private int started;

  IdleConnections(LoadClient client, int count, int parallel, String prefix) {
    super(client);
    this.count = count;
    this.parallel = parallel;
    this.replyLength = prefix.getBytes(StandardCharsets.UTF_8).length + 1;
  }

  @Override
  boolean hasLatency() {
    return false;
  }

  @Override
  void start(InetSocketAddress server) {
    running = true;
    bootstrap = client.bootstrap(server, Connection::new);
    for (int i = 0; i < parallel; i++) {
      openNext();
    }
  }

  /** Opens every connection; answers how many echoed within {@code limit}. */
  int open(InetSocketAddress server, Duration limit) {
    client.run(() -> start(server));
    try {
      allReady.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // report what is open
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return client.call(() -> (int) completed);
  }

  void close() {
    stop();
  }

  private void openNext() {
    if (started >= count) {
      return;
    }
    started++;
    bootstrap.connect().addListener(done -> {
      if (!done.isSuccess()) {
        errors++;
        settled();
      }
    });
  }

  private void settled() {
    if (completed + errors >= count) {
      allReady.complete(null);
    } else {
      openNext();
    }
  }

  private final class Connection extends ChannelInboundHandlerAdapter {

    private int bytes;
    private boolean ready;

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
      if (!ready && bytes >= replyLength) {
        ready = true;
        completed++;
        settled();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!ready && running) {
        errors++;
        settled();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
