package io.netecho.tls;

import io.netecho.log.RateLimitedLog;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.DefaultSslContextFactory;
import io.vertx.core.spi.tls.SslContextFactory;

import javax.net.ssl.SSLException;

/**
 * Vert.x's JDK TLS engine, whose server connections are served by {@link GuardedSslHandler}: set on
 * every listener that serves the TLS files, so each of them refuses client-initiated renegotiation.
 */
final class GuardedEngineOptions extends JdkSSLEngineOptions {

  private final RateLimitedLog refusals;

  /** {@code refusals}: where the listener's refused renegotiations are logged. */
  GuardedEngineOptions(RateLimitedLog refusals) {
    this.refusals = refusals;
  }

  private GuardedEngineOptions(GuardedEngineOptions other) {
    super(other);
    this.refusals = other.refusals;
  }

  @Override
  public GuardedEngineOptions copy() {
    return new GuardedEngineOptions(this);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new DefaultSslContextFactory(SslProvider.JDK, false) {
      @Override
      public SslContext create() throws SSLException {
        SslContext jdk = super.create();
        return jdk.isServer() ? new GuardedSslContext(jdk, refusals) : jdk;
      }
    };
  }
}
