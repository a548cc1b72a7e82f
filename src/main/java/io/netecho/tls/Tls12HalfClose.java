package io.netecho.tls;

import io.netecho.net.HeldAlert;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Half-close for TLS 1.2, as TLS 1.3 has it (RFC 8446 6.1), so a client's close_notify never costs
 * it a reply, without ever taking an alert for a close_notify before the engine has authenticated it.
 *
 * <p>TLS 1.2 says the receiver of a close_notify answers with its own "and closes down the
 * connection immediately, discarding any pending writes" (RFC 5246 7.2.1), and the JDK engine does
 * just that: the replies to the last chunks, written but not yet flushed when the alert is read in
 * the same batch, fail with "SSLEngine closed already", and a delayed reply can never be sent.
 *
 * <p>This handler sits in front of the {@link SslHandler} and reads only the plaintext record
 * headers (in TLS 1.2 the type is visible, the body encrypted). Records pass until an alert (type 21).
 * That record, and anything after it, is held back and {@link HeldAlert} is fired: the connection
 * writes what it owes the client, then releases it. The engine then decrypts the alert: a genuine
 * close_notify ends the input ({@code SslHandler} fires {@code SslCloseCompletionEvent.SUCCESS}) after
 * the replies went out; a fatal alert, or a record forged by someone on the path (it fails the
 * engine's MAC check), fails the connection, never a clean end. A TCP FIN behind a held alert waits
 * with it. At most {@value #MAX_HELD_BYTES} bytes are held: a client that sends more after an alert
 * gets it released at once.
 */
final class Tls12HalfClose extends ChannelInboundHandlerAdapter {

  static final String NAME = "netecho-tls12-half-close";
  /** An alert record (at most 2^14 + 2048 bytes of body in TLS 1.2) and a little more. */
  static final int MAX_HELD_BYTES = 2 * (5 + (1 << 14) + 2048);

  private static final short ALERT = 21;
  private static final int HEADER_LENGTH = 5;

  private final RecordHeaders headers = new RecordHeaders();
  private final RecordHeaders.Watcher alertStarts = (type, index) -> type == ALERT ? index : RecordHeaders.GO_ON;
  private ChannelHandlerContext ctx;
  /** The alert record, from its first byte, and everything read after it; null while nothing is held. */
  private CompositeByteBuf held;
  private ChannelInputShutdownEvent heldFin;
  private boolean releasing;
  /** After an incomplete record was handed over whole, record boundaries are lost: the engine has it all. */
  private boolean passThrough;

  /**
   * Installs the handler on a TLS 1.2 connection; TLS 1.3 connections (and plain ones) are left as
   * they are. Call it in the connect handler, before the first chunk is read.
   */
  static void install(NetSocket socket) {
    ChannelPipeline pipeline = ((NetSocketInternal) socket).channelHandlerContext().pipeline();
    ChannelHandlerContext tls = pipeline.context(SslHandler.class);
    if (tls != null && !"TLSv1.3".equals(((SslHandler) tls.handler()).engine().getSession().getProtocol())) {
      pipeline.addBefore(tls.name(), NAME, new Tls12HalfClose());
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (passThrough) {
      ctx.fireChannelRead(bytes);
      return;
    }
    if (held != null) {
      held.addComponent(true, bytes);
      if (releasing || held.readableBytes() > MAX_HELD_BYTES) {
        releaseHeld();
      }
      return;
    }
    int alert = findAlert(bytes);
    if (alert < 0) {
      ctx.fireChannelRead(bytes);
      return;
    }
    int before = alert - bytes.readerIndex();
    if (before > 0) {
      ctx.fireChannelRead(bytes.retainedSlice(bytes.readerIndex(), before));
    }
    bytes.skipBytes(before);
    held = ctx.alloc().compositeBuffer().addComponent(true, bytes);
    ctx.fireUserEventTriggered(new HeldAlert(this::release));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (held != null && event instanceof ChannelInputShutdownEvent fin) {
      // the FIN came after the alert: it must not overtake it
      heldFin = fin;
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (held != null) {
      held.release();
      held = null;
    }
  }

  /** {@link HeldAlert#release}: the alert record goes to the engine once it is complete. */
  private void release() {
    if (held == null || !ctx.channel().isActive()) {
      return;
    }
    releasing = true;
    releaseHeld();
  }

  /**
   * Hands the engine the held alert record, then goes on with what followed it as if just read (it
   * may hold another alert). An incomplete record waits for its remaining bytes, unless the client
   * sent its FIN or over {@value #MAX_HELD_BYTES} bytes: then all of it goes, and the engine decides.
   */
  private void releaseHeld() {
    CompositeByteBuf bytes = held;
    int recordLength = bytes.readableBytes() >= HEADER_LENGTH
      ? HEADER_LENGTH + bytes.getUnsignedShort(bytes.readerIndex() + 3) : Integer.MAX_VALUE;
    boolean complete = bytes.readableBytes() >= recordLength;
    if (!complete && heldFin == null && bytes.readableBytes() <= MAX_HELD_BYTES) {
      return;
    }
    held = null;
    releasing = false;
    ChannelInputShutdownEvent fin = heldFin;
    heldFin = null;
    if (complete) {
      ctx.fireChannelRead(bytes.readRetainedSlice(recordLength));
      ctx.fireChannelReadComplete();
      if (bytes.isReadable() && ctx.channel().isActive()) {
        channelRead(ctx, bytes.retainedSlice());
      }
      bytes.release();
    } else {
      passThrough = true;
      ctx.fireChannelRead(bytes);
      ctx.fireChannelReadComplete();
    }
    if (fin != null) {
      if (held != null) {
        heldFin = fin;
      } else {
        ctx.fireUserEventTriggered(fin);
      }
    }
  }

  /** The index where an alert record starts in {@code bytes}, or -1; records may span reads. */
  private int findAlert(ByteBuf bytes) {
    int alert = headers.walk(bytes, alertStarts);
    return alert == RecordHeaders.GO_ON ? -1 : alert;
  }
}
