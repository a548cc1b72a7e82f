package io.netecho.tls;

import io.netecho.log.Causes;
import io.netecho.log.OneLine;
import io.netecho.log.RateLimitedLog;
import io.netecho.config.NetEchoConfig;
import io.netecho.proxy.ProxyProtocol;
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
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Node's {@code tls.createServer(options, cb)} for the echo server, or a plain TCP server when
 * {@code tls.enabled} is false: PEM key and certificate, TLS 1.2 and 1.3 only, optional client
 * certificates, no client-initiated renegotiation, Node's half-close over TLS, one log line per failed handshake (at most one a
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
  private final RateLimitedLog renegotiations = GuardedSslHandler.refusals();

  private TlsServer(NetEchoConfig.Tls config, TlsFiles files) {
    this.config = config;
    this.files = files;
  }

  /**
   * Reads and checks the PEM files on a worker thread. Fails with a
   * {@link io.netecho.config.StartupException} naming the key and the path of a missing, unreadable or
   * unusable file.
   */
  public static Future<TlsServer> load(Vertx vertx, NetEchoConfig.Tls tls) {
    if (!tls.enabled()) {
      return Future.succeededFuture(PLAIN);
    }
    return vertx.executeBlocking(() -> {
      TlsFiles files = TlsFiles.read(vertx, tls, CipherSuites.of(tls.ciphers()));
      TlsWarnings.check(tls, files);
      return new TlsServer(tls, files);
    });
  }

  /**
   * {@code vertx.createNetServer(options).connectHandler(connections)}, with TLS when enabled:
   * the TLS 1.2 half-close fix is installed on every connection before {@code connections} sees
   * it, and a client that fails the handshake (a plaintext client, an old protocol, no
   * certificate when one is required) is one log line, never a stack trace.
   */
  public NetServer createServer(Vertx vertx, NetServerOptions options, Handler<NetSocket> connections) {
    if (files == null) {
      // without TLS, a bad PROXY protocol header is what fails a connection before it is handed over
      return vertx.createNetServer(options).exceptionHandler(TlsServer::onPlainFailure).connectHandler(connections);
    }
    secure(options);
    return vertx.createNetServer(options)
      .exceptionHandler(this::onHandshakeFailure)
      .connectHandler(socket -> {
        Tls12HalfClose.install(socket);
        connections.handle(socket);
      });
  }

  /**
   * Serves these PEM files on {@code options} too (the HTTP echo's: one certificate for all
   * listeners), refusing client-initiated renegotiation; answers false, leaving them plain, when {@code tls.enabled} is false.
   */
  public boolean secure(NetServerOptions options) {
    if (files == null) {
      return false;
    }
    ServerSSLOptions ssl = files.sslOptions();
    options.setSsl(true)
      // refuses client-initiated renegotiation on each connection (GuardedSslHandler says why)
      .setSslEngineOptions(new GuardedEngineOptions(renegotiations))
      .setKeyCertOptions(ssl.getKeyCertOptions())
      .setTrustOptions(ssl.getTrustOptions())
      .setClientAuth(ssl.getClientAuth())
      .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
    ssl.getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
    return true;
  }

  /**
   * Once the server listens: logs the certificate served and, every {@code tls.reloadSeconds},
   * serves changed files to new connections; {@code served} hears when the served certificate
   * expires, now and after each reload. Once per process: the node calls it.
   */
  public void watchFiles(Vertx vertx, List<Function<ServerSSLOptions, Future<Boolean>>> servers,
                         Consumer<Instant> served) {
    if (files != null) {
      CertificateReloader.start(vertx, servers, config, files, served);
    }
  }

  /** One line for a client that never got through the handshake. */
  static String describeHandshakeFailure(Throwable failure) {
    for (Throwable cause : Causes.of(failure)) {
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

  private static void onPlainFailure(Throwable failure) {
    if (!ProxyProtocol.rejected(failure)) {
      LOG.warn("a connection failed before it was served: {}", OneLine.of(failure));
    }
  }

  /**
   * One line for a client that failed before it was served: its PROXY header, or the handshake; at
   * most one line a second of each level per server, the rest summed up ({@link RateLimitedLog}).
   */
  public void onHandshakeFailure(Throwable failure) {
    if (ProxyProtocol.rejected(failure)) {
      return;
    }
    String line = describeHandshakeFailure(failure);
    if (failure instanceof ClosedChannelException) {
      // port probes and TCP health checks do this all day: not worth a warning
      closedEarly.log(line);
    } else {
      failed.log(line);
    }
  }
}
