package io.netecho.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers every chunk with prefix + chunk, written as two buffers (no copy) and flushed once per
 * read batch; no logging, no backpressure: the smallest echo Netty can do.
 */
@Sharable
final class RawNettyEchoHandler extends ChannelInboundHandlerAdapter {

  private final ByteBuf prefix;

  RawNettyEchoHandler(byte[] prefix) {
    this.prefix = Unpooled.unreleasableBuffer(Unpooled.directBuffer(prefix.length).writeBytes(prefix));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (prefix.isReadable()) {
      ctx.write(prefix.duplicate(), ctx.voidPromise());
    }
    ctx.write(msg, ctx.voidPromise());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
