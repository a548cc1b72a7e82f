package io.netecho.tls;

import io.netecho.log.RateLimitedLog;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;
import java.util.concurrent.Executor;

/** The JDK's server context, whose handlers are {@link GuardedSslHandler}s; engines as the JDK makes them. */
final class GuardedSslContext extends DelegatingSslContext {

  private final RateLimitedLog refusals;

  GuardedSslContext(SslContext jdk, RateLimitedLog refusals) {
    super(jdk);
    this.refusals = refusals;
  }

  @Override
  protected void initEngine(SSLEngine engine) {
    // Vert.x configures the engine (protocols, cipher suites) in its own wrapper around this context
  }

  @Override
  protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
    return new GuardedSslHandler(newEngine(alloc), startTls, executor, refusals);
  }

  @Override
  protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls,
                                  Executor executor) {
    return new GuardedSslHandler(newEngine(alloc, peerHost, peerPort), startTls, executor, refusals);
  }
}
