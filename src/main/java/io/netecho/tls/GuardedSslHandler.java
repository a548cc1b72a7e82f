package io.netecho.tls;

import io.netecho.events.Peer;
import io.netecho.log.Causes;
import io.netecho.log.RateLimitedLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The server's {@link SslHandler}, which refuses a client-initiated renegotiation: the client gets a
 * fatal alert, one line is logged, and the connection is closed. A renegotiation costs the server a
 * full handshake for a few bytes from the client, so a client that may repeat it at will can load the
 * server's CPU with one connection.
 *
 * <p>Why here and not {@code jdk.tls.rejectClientInitiatedRenegotiation}: the JDK reads that
 * property once, when its first server handshake of the process runs, so it only works when set
 * before anything in the JVM served TLS, which depends on how the JVM was launched and on what ran
 * first (a test run, an embedding application, the cluster's event bus). A check on each connection
 * holds however the process starts, on every listener that serves the TLS files (echo, the extra
 * listeners, the HTTP echo, the info port), and only there.
 *
 * <p>It also keeps the client's ClientHello as sent ({@link ClientHelloReader}), read once from the
 * first records before the engine consumes them, for what the HTTP echo and the info port tell a
 * client about its handshake ({@link TlsHandshake}).
 *
 * <p>What it costs: the record headers of each read are followed ({@link RenegotiationGuard}); a
 * TLS 1.3 connection, which cannot renegotiate, stops being watched once its handshake is done.
 * Plain TCP connections never get this handler.
 */
final class GuardedSslHandler extends SslHandler {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedSslHandler.class);

  private final RateLimitedLog refusals;
  private ClientHelloReader helloReader = new ClientHelloReader();
  private byte[] helloMessage;
  private ClientHello hello;
  private long helloMillis;
  /** What the handshake was, as the HTTP echo and the info port show it; made on the first ask. */
  private JsonObject described;
  private RenegotiationGuard guard = new RenegotiationGuard();
  /** A renegotiating ClientHello was seen; the engine will fail it. */
  private boolean renegotiating;

  GuardedSslHandler(SSLEngine engine, boolean startTls, Executor delegatedTaskExecutor, RateLimitedLog refusals) {
    super(engine, startTls, delegatedTaskExecutor);
    this.refusals = refusals;
  }

  /** The refusals of one server, a line each, at most one a second (a client can repeat them at will). */
  static RateLimitedLog refusals() {
    return RateLimitedLog.perSecond(LOG, Level.WARN,
      "refused a TLS renegotiation from {}: clients may not renegotiate; connection closed");
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    handshakeFuture().addListener(done -> {
      if (done.isSuccess() && "TLSv1.3".equals(engine().getSession().getProtocol())) {
        guard = null;
      }
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (helloReader != null && msg instanceof ByteBuf bytes) {
      if (helloMillis == 0) {
        helloMillis = System.currentTimeMillis();
      }
      if (helloReader.read(bytes)) {
        helloMessage = helloReader.hello();
        helloReader = null;
      }
    }
    if (guard != null && msg instanceof ByteBuf bytes) {
      int at = guard.find(bytes);
      if (at == RenegotiationGuard.NOT_TLS) {
        // the engine fails the connection on these very bytes
        guard = null;
      } else if (at >= 0) {
        refuse();
      }
    }
    super.channelRead(ctx, msg);
  }

  /**
   * The renegotiating ClientHello goes on to the engine, which alone holds the keys to answer it, with
   * no protocol left to negotiate: it authenticates the record, fails the new handshake before any of
   * its work is done, and answers a fatal alert (the JDK's is internal_error); the SslHandler sends it
   * and closes the connection. The session already established is not touched until then.
   */
  private void refuse() {
    guard = null;
    renegotiating = true;
    engine().setEnabledProtocols(new String[0]);
  }

  /**
   * The engine's failure of a renegotiation is one line here, not an error of the connection; anything
   * else (a forged record that fails authentication, say) goes on as usual.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    if (renegotiating && Causes.has(cause, SSLHandshakeException.class)) {
      renegotiating = false;
      refusals.log(peer(ctx));
      ctx.close();
      return;
    }
    super.exceptionCaught(ctx, cause);
  }

  /** The client's ClientHello, as it was sent, parsed on the first call; null before it came, or when it could not be read. */
  ClientHello clientHello() {
    if (hello == null && helloMessage != null) {
      try {
        hello = ClientHello.parse(helloMessage);
      } catch (IllegalArgumentException malformed) {
        // the engine would have refused it: a connection that got this far sent one it could read
      }
      helloMessage = null;
    }
    return hello;
  }

  /**
   * The handshake as JSON, made once per connection (its fingerprints hash the ClientHello), since
   * nothing of it changes while the connection lasts: renegotiation is refused.
   */
  JsonObject described(Supplier<JsonObject> describe) {
    if (described == null) {
      described = describe.get();
    }
    return described;
  }

  /** When the first bytes of the ClientHello arrived (epoch milliseconds), 0 before. */
  long helloMillis() {
    return helloMillis;
  }

  /** The client as the other log lines name it: after a PROXY protocol header, the header's address. */
  private static String peer(ChannelHandlerContext ctx) {
    SocketAddress proxied = ctx.channel().attr(ConnectionBase.REMOTE_ADDRESS_OVERRIDE).get();
    if (proxied != null) {
      return Peer.of(proxied);
    }
    java.net.SocketAddress remote = ctx.channel().remoteAddress();
    return remote instanceof InetSocketAddress inet ? Peer.of(SocketAddress.inetSocketAddress(inet)) : "unknown peer";
  }
}
