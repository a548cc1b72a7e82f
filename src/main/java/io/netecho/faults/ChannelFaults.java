package io.netecho.faults;

import io.netecho.events.Peer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.function.LongSupplier;

/**
 * The {@code faults.*} profile on an HTTP connection: the same {@link Faults} as the echo's, acting on
 * the bytes the HTTP server writes (HTTP/1.x requests and responses, WebSocket frames, HTTP/2 frames),
 * above TLS. It sits in the connection's pipeline only when the connection was dealt a fault; every
 * other connection runs without it. Latency holds each write {@code ms} ± {@code jitterMs}, in order;
 * bandwidth and slicer pace them; close and reset cut after N bytes or ms; slow close holds the
 * server's close; timeout drops every write from then on. What the faults hold makes the connection
 * unwritable to Vert.x once over the channel's high water mark, so a streamed response waits, as it
 * would for a slow client. The write promises complete when the faults took the bytes. Used on the
 * connection's event loop.
 */
public final class ChannelFaults extends ChannelDuplexHandler {

  static final String NAME = "netecho-faults";
  /** Netty's user-defined writability bits 1..31; the faults' own. */
  private static final int WRITABILITY_BIT = 7;

  private final Vertx vertx;
  private final String peer;
  private final FaultProfile dealt;
  private ChannelHandlerContext ctx;
  private Faults faults;
  /** Null without latency. */
  private TimedQueue delayed;
  private ChannelFuture lastWrite;
  private boolean closeAsked;
  private boolean heldBack;

  private ChannelFaults(Vertx vertx, String peer, FaultProfile dealt) {
    this.vertx = vertx;
    this.peer = peer;
    this.dealt = dealt;
  }

  /**
   * Deals the HTTP port's faults to a new connection and, when it got any, puts them in its pipeline:
   * after the {@code SslHandler} under TLS (the faults act on the HTTP bytes, not on the TLS records),
   * first otherwise. A connection that is handed over again (an h2c upgrade) keeps what it was dealt.
   * While the profile is empty or not for the HTTP port, this is one read and nothing else.
   */
  public static void addTo(Vertx vertx, HttpConnection connection, FaultDealer dealer) {
    if (!dealer.mayDeal(FaultCounter.HTTP)) {
      return;
    }
    // Vert.x has no public access to an HTTP connection's channel, hence the internal ConnectionBase
    Channel channel = connection instanceof ConnectionBase base ? base.channel() : null;
    if (channel == null || !channel.isActive() || channel.pipeline().get(NAME) != null) {
      return;
    }
    String peer = Peer.of(connection.remoteAddress());
    FaultProfile dealt = dealer.deal(FaultCounter.HTTP, peer);
    if (dealt == null) {
      return;
    }
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandlerContext tls = pipeline.context(SslHandler.class);
    ChannelFaults handler = new ChannelFaults(vertx, peer, dealt);
    if (tls != null) {
      pipeline.addAfter(tls.name(), NAME, handler);
    } else {
      pipeline.addFirst(NAME, handler);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.lastWrite = ctx.newSucceededFuture();
    this.faults = new Faults(vertx, new ChannelWire(), peer, dealt, this::progressed);
    LongSupplier latency = faults.latency();
    this.delayed = latency == null ? null : TimedQueue.delaying(vertx, latency, faults::reply, this::progressed);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf bytes)) {
      // a FileRegion (sendFile): the HTTP echo sends none
      ctx.write(msg, promise);
      return;
    }
    // a copy of our own: the faults hold and slice it long after the encoder's buffer is released
    Buffer data = Buffer.buffer(ByteBufUtil.getBytes(bytes));
    bytes.release();
    promise.trySuccess();
    if (delayed == null) {
      faults.reply(data);
    } else {
      delayed.add(data);
    }
    holdBackWhenFull();
  }

  /**
   * The server closes the connection (keep-alive off, idle, shutdown, an error): after what the faults
   * hold, then slow close. A second close (a shutdown's grace is over) closes at once.
   */
  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (closeAsked) {
      ctx.close(promise);
      return;
    }
    closeAsked = true;
    ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
    if (delayed == null) {
      faults.end();
    } else {
      delayed.whenEmpty(faults::end);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    faults.closed();
    if (delayed != null) {
      delayed.drop();
    }
    ctx.fireChannelInactive();
  }

  private long heldBytes() {
    return faults.pendingBytes() + (delayed == null ? 0 : delayed.pendingBytes());
  }

  /** Over the high water mark, Vert.x sees the connection unwritable and a streamed response waits. */
  private void holdBackWhenFull() {
    if (!heldBack && heldBytes() > ctx.channel().config().getWriteBufferHighWaterMark()) {
      heldBack = writable(false);
    }
  }

  private void progressed() {
    if (heldBack && heldBytes() <= ctx.channel().config().getWriteBufferLowWaterMark()) {
      heldBack = !writable(true);
    }
  }

  private boolean writable(boolean writable) {
    ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
    if (outbound == null) {
      return false;
    }
    outbound.setUserDefinedWritability(WRITABILITY_BIT, writable);
    return true;
  }

  /** The bytes below the faults: the TLS engine, or the socket. */
  private final class ChannelWire implements Wire {

    @Override
    public Future<Void> write(Buffer data) {
      lastWrite = ctx.writeAndFlush(((BufferInternal) data).getByteBuf());
      // nobody waits on it: broadcasts, the one caller that does, are the echo's
      return Future.succeededFuture();
    }

    /** The socket's own buffer is full, whatever the faults made Vert.x see. */
    @Override
    public boolean writeQueueFull() {
      ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
      return outbound == null || outbound.totalPendingWriteBytes() > ctx.channel().config().getWriteBufferHighWaterMark();
    }

    /** The server's close: a FIN (under TLS, close_notify first), once the bytes before it have left. */
    @Override
    public void end() {
      lastWrite.addListener(written -> ctx.close());
    }

    /** SO_LINGER 0 makes the close abortive: an RST, and the client's next read fails with ECONNRESET. */
    @Override
    public void reset() {
      lastWrite.addListener(written -> {
        if (ctx.channel().isActive()) {
          ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        ctx.close();
      });
    }
  }
}
