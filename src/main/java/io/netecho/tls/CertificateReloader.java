package io.netecho.tls;

import io.netecho.log.OneLine;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Certificate rotation without a restart: every {@code tls.reloadSeconds} the PEM files are read
 * again and, when their bytes changed and they pass the same checks as at start, served to new
 * connections ({@code NetServer.updateSSLOptions}; connections already open keep their session).
 * Files that do not pass (say the certificate is replaced and the key not yet) are reported once
 * and tried again at the next check; the previous certificate is served meanwhile.
 *
 * <p>One per process (the node starts it): the echo instances share one listening socket, and an
 * update through any instance's server applies to all of them.
 */
final class CertificateReloader {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final Vertx vertx;
  private final List<Function<ServerSSLOptions, Future<Boolean>>> servers;
  private final Consumer<Instant> served;
  private final NetEchoConfig.Tls config;
  private TlsFiles serving;
  private String lastProblem;
  private boolean checking;

  private CertificateReloader(Vertx vertx, List<Function<ServerSSLOptions, Future<Boolean>>> servers,
                              NetEchoConfig.Tls config, TlsFiles serving, Consumer<Instant> served) {
    this.served = served;
    this.vertx = vertx;
    this.servers = List.copyOf(servers);
    this.config = config;
    this.serving = serving;
  }

  /**
   * Logs the certificate served and starts the checks, on the caller's context: undeploying it stops
   * them. {@code servers} are the listeners that serve these files (the echo port, the HTTP echo, the
   * info port), each as its {@code updateSSLOptions}.
   */
  static void start(Vertx vertx, List<Function<ServerSSLOptions, Future<Boolean>>> servers, NetEchoConfig.Tls config,
                    TlsFiles files, Consumer<Instant> served) {
    LOG.info("serving TLS certificate {}", files.describe());
    served.accept(files.leaf().getNotAfter().toInstant());
    if (config.reloadSeconds() > 0) {
      CertificateReloader reloader = new CertificateReloader(vertx, servers, config, files, served);
      vertx.setPeriodic(config.reloadSeconds() * 1000L, id -> reloader.check());
    }
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    vertx.executeBlocking(() -> TlsFiles.read(vertx, config, serving.cipherSuites()))
      .compose(this::serveIfChanged)
      .onSuccess(v -> lastProblem = null)
      .onFailure(this::report)
      .onComplete(v -> checking = false);
  }

  private Future<Void> serveIfChanged(TlsFiles files) {
    if (files.sameAs(serving)) {
      return Future.succeededFuture();
    }
    ServerSSLOptions options = files.sslOptions();
    return Future.all(servers.stream().map(server -> server.apply(options)).toList()).map(updated -> {
      serving = files;
      LOG.info("reloaded TLS certificate {}", files.describe());
      served.accept(files.leaf().getNotAfter().toInstant());
      // file attributes are read: off the event loop
      vertx.executeBlocking(() -> {
        TlsWarnings.check(config, files);
        return null;
      });
      return null;
    });
  }

  private void report(Throwable failure) {
    String problem = OneLine.of(failure);
    if (!problem.equals(lastProblem)) {
      lastProblem = problem;
      LOG.warn("TLS files not reloaded, the previous certificate is still served: {}", problem);
    }
  }
}
