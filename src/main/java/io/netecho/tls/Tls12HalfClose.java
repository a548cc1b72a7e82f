package io.netecho.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Half-close for TLS 1.2, as TLS 1.3 has it (RFC 8446 6.1), so a client's close_notify never costs
 * it a reply.
 *
 * <p>TLS 1.2 says the receiver of a close_notify answers with its own "and closes down the
 * connection immediately, discarding any pending writes" (RFC 5246 7.2.1), and the JDK engine does
 * just that: the replies to the last chunks, written but not yet flushed when the alert is read in
 * the same batch, fail with "SSLEngine closed already", and a delayed reply can never be sent.
 *
 * <p>This handler sits in front of the {@link SslHandler} and reads only the plaintext record
 * headers. Records pass until the first alert (content type 21; in TLS 1.2 the type is visible,
 * only the body is encrypted). That alert, and anything after it, is kept from the engine, and the
 * pipeline is told what {@code SslHandler} itself says for a close_notify,
 * {@link SslCloseCompletionEvent#SUCCESS}: the client's input is over. The connection then ends as
 * a TLS 1.3 one does: the replies due go out, then our close_notify and FIN. A fatal alert is
 * treated the same way; the client is gone either way.
 */
final class Tls12HalfClose extends ChannelInboundHandlerAdapter {

  static final String NAME = "netecho-tls12-half-close";

  private static final short ALERT = 21;
  private static final int HEADER_LENGTH = 5;

  private int headerRead;
  private int bodyLength;
  private int bodyLeft;
  private boolean inputOver;

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
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (inputOver) {
      bytes.release();
      return;
    }
    int alert = findAlert(bytes);
    if (alert < 0) {
      ctx.fireChannelRead(bytes);
      return;
    }
    inputOver = true;
    int before = alert - bytes.readerIndex();
    if (before > 0) {
      ctx.fireChannelRead(bytes.retainedSlice(bytes.readerIndex(), before));
    }
    bytes.release();
    ctx.fireUserEventTriggered(SslCloseCompletionEvent.SUCCESS);
  }

  /** The index where an alert record starts in {@code bytes}, or -1; records may span reads. */
  private int findAlert(ByteBuf bytes) {
    int i = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (i < end) {
      if (bodyLeft > 0) {
        int skip = Math.min(bodyLeft, end - i);
        bodyLeft -= skip;
        i += skip;
        continue;
      }
      int b = bytes.getUnsignedByte(i);
      if (headerRead == 0 && b == ALERT) {
        return i;
      }
      // header: type (1), version (2), length (2)
      if (headerRead == 3) {
        bodyLength = b << 8;
      } else if (headerRead == 4) {
        bodyLength |= b;
      }
      i++;
      if (++headerRead == HEADER_LENGTH) {
        headerRead = 0;
        bodyLeft = bodyLength;
      }
    }
    return -1;
  }
}
