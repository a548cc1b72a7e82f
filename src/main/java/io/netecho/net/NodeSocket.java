package io.netecho.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.util.function.Supplier;

/**
 * A Vert.x {@link NetSocket} with the half-open TCP semantics of Node's {@code net.Socket}, which
 * Vert.x lacks: its {@code end()} is a full close and its {@code endHandler} fires only at close.
 * Here {@link #endHandler} is Node's {@code 'end'} (the client's FIN arrived) and {@link #end} is
 * Node's {@code socket.end()} (our FIN, once everything written has left). The Vert.x
 * {@code closeHandler} keeps meaning Node's {@code 'close'}.
 *
 * <p>Guarantees: {@code 'end'} fires once, after the data handler has seen every chunk received
 * before the FIN (also when the socket was paused, which keeps chunks in Vert.x's queue while the
 * FIN event overtakes them), and before {@code 'close'}. Our FIN is a one-way
 * {@code shutdownOutput}, never a close with unread input, which would reset the connection and
 * lose replies (RFC 1122 4.2.2.13). Once both directions are shut the socket is closed; when the
 * client's {@code 'end'} came first there is nothing left to read, and the close is our FIN. Over TLS
 * the client's close_notify counts as its FIN once the engine has authenticated it, and our
 * close_notify goes out before our FIN.
 *
 * <p>It is also the one handle a connection needs (data, end, close, error, drain, pause, write),
 * and it takes the received bytes as Netty read them: no copy into a heap buffer, no Vert.x inbound
 * queue. A chunk handed to the data handler is valid until the handler returns; a reply built
 * from it with {@link #write(ReplyPrefix, Buffer)} holds it as long as the write needs it.
 *
 * <p>Vert.x 5 has no public way to half-close or to take the raw bytes, hence the internal API here.
 * Must be created in the connect handler, before the first chunk is read; every method must be
 * called on the socket's event loop.
 */
public final class NodeSocket {

  static final String WATCHER = "netecho-fin-watcher";
  // A 'data' chunk is what one read returned, up to 64 KiB, as libuv reads for Node. Netty's
  // default allocator shrinks its guess after small reads and would then split a 1 KiB message.
  // Stateless, so one for every channel.
  private static final FixedRecvByteBufAllocator CHUNKS = new FixedRecvByteBufAllocator(64 * 1024);
  // Replies up to this size are copied into one buffer (one small copy is cheaper than a
  // composite and a gathering write); larger ones carry the received bytes without a copy.
  private static final int COPY_LIMIT = 4096;

  private final NetSocket socket;
  private final NetSocketInternal internal;
  private final Channel channel;

  private Handler<Buffer> dataHandler = chunk -> { };
  private Handler<Void> endHandler = v -> { };
  private Handler<Void> idleHandler = v -> { };
  private long chunksRead;
  private long chunksDelivered;
  private boolean finReceived;
  private boolean endFired;
  private Future<Void> lastWrite = Future.succeededFuture();
  private Future<Void> ending;
  /** The chunk being delivered, and the buffer the data handler sees it through. */
  private ByteBuf reading;
  private Buffer delivered;
  private Supplier<Future<Void>> owedBeforeAlert = Future::succeededFuture;
  private HeldAlert heldAlert;

  private NodeSocket(NetSocket socket) {
    this.socket = socket;
    this.internal = (NetSocketInternal) socket;
    this.channel = internal.channelHandlerContext().channel();
    // Without it Netty closes the channel the moment it reads the FIN: there would be no 'end'.
    channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    channel.config().setRecvByteBufAllocator(CHUNKS);
    // Before Vert.x's own handler, so it counts chunks as they are read, ahead of Vert.x's queue.
    channel.pipeline().addBefore("handler", WATCHER, new FinWatcher());
    internal.messageHandler(this::deliver);
  }

  public static NodeSocket of(NetSocket socket) {
    return new NodeSocket(socket);
  }

  /** The client's address (after the PROXY protocol header, when one is used); null once reset. */
  public SocketAddress remoteAddress() {
    return socket.remoteAddress();
  }

  /** Node's {@code 'close'}: both directions are done. */
  public NodeSocket closeHandler(Handler<Void> handler) {
    socket.closeHandler(handler);
    return this;
  }

  /** Node's {@code 'error'}; Vert.x closes the socket after it. */
  public NodeSocket exceptionHandler(Handler<Throwable> handler) {
    socket.exceptionHandler(handler);
    return this;
  }

  /** Node's {@code 'drain'}: the write queue went below its bound again. */
  public NodeSocket drainHandler(Handler<Void> handler) {
    socket.drainHandler(handler);
    return this;
  }

  /** The server is shutting down (SIGTERM, undeploy): finish within the grace period. */
  public NodeSocket shutdownHandler(Handler<Void> handler) {
    socket.shutdownHandler(handler);
    return this;
  }

  /** Bytes written but not yet sent above which {@link #writeQueueFull()} is true. */
  public NodeSocket setWriteQueueMaxSize(int bytes) {
    socket.setWriteQueueMaxSize(bytes);
    return this;
  }

  /** Node's {@code write()} returning false. */
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  /**
   * Netty's own writability (its buffer is over the write queue bound) as well as Vert.x's, which
   * reports full only once a further 16 writes wait in its own queue: for a broadcast, which skips
   * a client rather than queue more for it.
   */
  public boolean writeBufferFull() {
    return !channel.isWritable() || socket.writeQueueFull();
  }

  /** Bytes written and not yet handed to the kernel; callable on any thread. */
  public long queuedBytes() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /** Stops reading from the client (Node's {@code socket.pause()}). */
  public void pause() {
    socket.pause();
  }

  public void resume() {
    socket.resume();
  }

  /** Node's {@code 'data'}. */
  public NodeSocket handler(Handler<Buffer> handler) {
    this.dataHandler = handler;
    return this;
  }

  /** Node's {@code 'end'}: the client sent FIN; what it sent before is already delivered. */
  public NodeSocket endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    return this;
  }

  /** The connection was idle for the server's idle timeout; Vert.x closes it right after. */
  public NodeSocket idleHandler(Handler<Void> handler) {
    this.idleHandler = handler;
    return this;
  }

  /**
   * Over TLS 1.2 a client's alert is held back until what is owed to the client is written
   * ({@link HeldAlert}): the chunks read before it are delivered, then {@code owed} completes, then
   * every write so far is flushed, and only then may the engine, which stops all writing when it reads
   * a close_notify, see it. By default nothing beyond the writes is owed.
   */
  public NodeSocket owedBeforeTlsAlert(Supplier<Future<Void>> owed) {
    this.owedBeforeAlert = owed;
    return this;
  }

  /** Writes in order with every earlier write; ignored once {@link #end} was called. */
  public Future<Void> write(Buffer data) {
    if (ending != null) {
      return Future.failedFuture("write after end");
    }
    lastWrite = socket.write(data);
    return lastWrite;
  }

  /**
   * Writes {@code prefix} then {@code chunk}, the chunk being delivered, as one message, in order
   * with every earlier write, like Node's {@code cork()}: two writes, one segment.
   */
  public Future<Void> write(ReplyPrefix prefix, Buffer chunk) {
    if (ending != null) {
      return Future.failedFuture("write after end");
    }
    ByteBuf head = prefix.raw();
    ByteBuf message;
    if (chunk == delivered && chunk.length() > COPY_LIMIT) {
      // both parts direct, or the transport would copy the whole message into a direct buffer
      ByteBuf directHead = channel.alloc().directBuffer(head.readableBytes()).writeBytes(head, head.readerIndex(),
        head.readableBytes());
      CompositeByteBuf parts = channel.alloc().compositeDirectBuffer(2);
      message = parts.addComponents(true, directHead, reading.retainedSlice());
    } else {
      message = channel.alloc().directBuffer(head.readableBytes() + chunk.length());
      message.writeBytes(head, head.readerIndex(), head.readableBytes());
      if (chunk == delivered) {
        message.writeBytes(reading, reading.readerIndex(), reading.readableBytes());
      } else {
        message.writeBytes(((BufferInternal) chunk).getByteBuf());
      }
    }
    lastWrite = internal.writeMessage(message);
    return lastWrite;
  }

  /** True until {@link #end} was called. */
  public boolean writable() {
    return ending == null;
  }

  /**
   * Node's {@code socket.end()}: once every earlier write has been flushed, shut our write side
   * (FIN). The socket closes when the client's FIN is in too. Idempotent.
   */
  public Future<Void> end() {
    if (ending == null) {
      Promise<Void> shut = Promise.promise();
      ending = shut.future();
      lastWrite.onComplete(written -> shutdownOutput(shut));
    }
    return ending;
  }

  /**
   * Ends the connection with a reset (RST) instead of a FIN, once every earlier write has left, as a
   * crashed peer would: SO_LINGER 0 makes the close abortive, and the client's next read fails with
   * ECONNRESET. Vert.x has no public way to set it on an accepted socket, hence the channel.
   */
  public void reset() {
    lastWrite.onComplete(written -> {
      if (channel.isActive()) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
      }
      socket.close();
    });
  }

  private void shutdownOutput(Promise<Void> shut) {
    if (!channel.isActive()) {
      shut.tryComplete();
      return;
    }
    // Over TLS our close_notify goes first (SslHandler.closeOutbound leaves the channel open), or
    // the client would read a FIN without it: a truncation to TLS clients that check.
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    ChannelFuture closeNotify = tls == null ? channel.newSucceededFuture() : tls.closeOutbound();
    if (endFired) {
      // The client's FIN is in and every chunk before it delivered: a close is our FIN and can
      // reset nothing. It spares the one-way shutdown, and the exception Netty makes with it to
      // fail later writes, on every connection that ends the usual way.
      closeNotify.addListener(sent -> {
        socket.close();
        shut.tryComplete();
      });
      return;
    }
    closeNotify.addListener(sent -> ((DuplexChannel) channel).shutdownOutput().addListener(done -> {
      if (finReceived) {
        socket.close();
      }
      shut.tryComplete();
    }));
  }

  private void deliver(Object message) {
    if (!(message instanceof ByteBuf chunk)) {
      ReferenceCountUtil.release(message);
      return;
    }
    chunksDelivered++;
    reading = chunk;
    // a Vert.x buffer indexes from 0 whatever the reader index (a decoder ahead of us, such as the
    // PROXY protocol's, may leave one): then it sees the chunk through a slice
    delivered = BufferInternal.buffer(chunk.readerIndex() == 0 ? chunk : chunk.slice());
    try {
      dataHandler.handle(delivered);
    } finally {
      reading = null;
      delivered = null;
      chunk.release();
    }
    fireEndWhenCaughtUp();
    releaseAlertWhenCaughtUp();
  }

  private void releaseAlertWhenCaughtUp() {
    HeldAlert alert = heldAlert;
    if (alert != null && chunksDelivered == chunksRead) {
      heldAlert = null;
      owedBeforeAlert.get().eventually(() -> lastWrite).onComplete(written -> alert.release());
    }
  }

  private void onFin() {
    finReceived = true;
    fireEndWhenCaughtUp();
    if (ending != null && ending.isComplete()) {
      // both directions are done: nothing left to read or write
      socket.close();
    }
  }

  private void fireEndWhenCaughtUp() {
    if (finReceived && !endFired && chunksDelivered == chunksRead) {
      endFired = true;
      endHandler.handle(null);
    }
  }

  /** Counts chunks on their way into Vert.x and catches the FIN, which Vert.x would drop. */
  private final class FinWatcher extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf) {
        chunksRead++;
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      // TLS: the client's close_notify ends its input as a FIN does (Node's TLSSocket emits 'end'
      // on it); a TCP FIN may follow, or the client may wait for ours. SslHandler fires the event
      // after the chunks read before the alert.
      if (event instanceof ChannelInputShutdownEvent || event == SslCloseCompletionEvent.SUCCESS) {
        onFin();
      } else if (event instanceof HeldAlert alert) {
        heldAlert = alert;
        releaseAlertWhenCaughtUp();
      } else if (event instanceof IdleStateEvent) {
        idleHandler.handle(null);
      }
      // Pass every event on: Vert.x's own (shutdown on server stop, idle) must still reach it.
      ctx.fireUserEventTriggered(event);
    }
  }
}
