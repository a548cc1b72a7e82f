package io.netecho.tls;

import io.netecho.OneLine;
import io.netecho.log.RateLimitedLog;
import io.netecho.config.NetEchoConfig;
import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.nio.channels.ClosedChannelException;

/**
 * Node's {@code tls.createServer(options, cb)} for the echo server, or a plain TCP server when
 * {@code tls.enabled} is false: PEM key and certificate, TLS 1.2 and 1.3 only, optional client
 * certificates, Node's half-close over TLS, one log line per failed handshake (at most one a
 * second, the rest summed up), and certificates reloaded without a restart.
 */
public final class TlsServer {

  private static final Logger LOG = LoggerFactory.getLogger(TlsServer.class);
  private static final TlsServer PLAIN = new TlsServer(null, null);

  private final NetEchoConfig.Tls config;
  private final TlsFiles files;
  // a client can fail handshakes faster than anyone reads about them
  private final RateLimitedLog closedEarly = RateLimitedLog.perSecond(LOG, Level.INFO, "{}");
  private final RateLimitedLog failed = RateLimitedLog.perSecond(LOG, Level.WARN, "{}");

  private TlsServer(NetEchoConfig.Tls config, TlsFiles files) {
    this.config = config;
    this.files = files;
  }

  /**
   * Reads and checks the PEM files on a worker thread. Fails with a
   * {@link io.netecho.StartupException} naming the key and the path of a missing, unreadable or
   * unusable file.
   */
  public static Future<TlsServer> load(Vertx vertx, NetEchoConfig.Tls tls) {
    if (!tls.enabled()) {
      return Future.succeededFuture(PLAIN);
    }
    return vertx.executeBlocking(() -> new TlsServer(tls, TlsFiles.read(vertx, tls)));
  }

  /**
   * {@code vertx.createNetServer(options).connectHandler(connections)}, with TLS when enabled:
   * the TLS 1.2 half-close fix is installed on every connection before {@code connections} sees
   * it, and a client that fails the handshake (a plaintext client, an old protocol, no
   * certificate when one is required) is one log line, never a stack trace.
   */
  public NetServer createServer(Vertx vertx, NetServerOptions options, Handler<NetSocket> connections) {
    if (files == null) {
      return vertx.createNetServer(options).connectHandler(connections);
    }
    ServerSSLOptions ssl = files.sslOptions();
    options.setSsl(true)
      .setKeyCertOptions(ssl.getKeyCertOptions())
      .setTrustOptions(ssl.getTrustOptions())
      .setClientAuth(ssl.getClientAuth())
      .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
    return vertx.createNetServer(options)
      .exceptionHandler(this::onHandshakeFailure)
      .connectHandler(socket -> {
        Tls12HalfClose.install(socket);
        connections.handle(socket);
      });
  }

  /**
   * Once the server listens: logs the certificate served and, every {@code tls.reloadSeconds},
   * serves changed files to new connections. Once per deployment, however many instances call it.
   */
  public void watchFiles(Vertx vertx, String deploymentId, NetServer server) {
    if (files != null) {
      CertificateReloader.startOnce(vertx, deploymentId, server, config, files);
    }
  }

  /** One line for a client that never got through the handshake. */
  static String describeHandshakeFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NotSslRecordException) {
        // its message carries a hex dump of what the client sent
        return "dropped a client that did not start a TLS handshake (plaintext on the TLS port?)";
      }
      if (cause instanceof ClosedChannelException) {
        return "a client closed the connection before the TLS handshake completed";
      }
    }
    return "TLS handshake failed: " + OneLine.of(failure);
  }

  /** At most one line a second of each level per server instance, the rest summed up ({@link RateLimitedLog}). */
  private void onHandshakeFailure(Throwable failure) {
    String line = describeHandshakeFailure(failure);
    if (failure instanceof ClosedChannelException) {
      // port probes and TCP health checks do this all day: not worth a warning
      closedEarly.log(line);
    } else {
      failed.log(line);
    }
  }
}
