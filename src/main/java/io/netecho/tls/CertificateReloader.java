package io.netecho.tls;

import io.netecho.OneLine;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.shareddata.LocalMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate rotation without a restart: every {@code tls.reloadSeconds} the PEM files are read
 * again and, when their bytes changed and they pass the same checks as at start, served to new
 * connections ({@code NetServer.updateSSLOptions}; connections already open keep their session).
 * Files that do not pass (say the certificate is replaced and the key not yet) are reported once
 * and tried again at the next check; the previous certificate is served meanwhile.
 *
 * <p>One per deployment: the instances share one listening socket, and an update through any
 * instance's server applies to all of them.
 */
final class CertificateReloader {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
  private static final String CLAIMS = "netecho.tls.reloaders";

  private final Vertx vertx;
  private final NetServer server;
  private final NetEchoConfig.Tls config;
  private TlsFiles serving;
  private String lastProblem;
  private boolean checking;

  private CertificateReloader(Vertx vertx, NetServer server, NetEchoConfig.Tls config, TlsFiles serving) {
    this.vertx = vertx;
    this.server = server;
    this.config = config;
    this.serving = serving;
  }

  /** Logs the certificate served and starts the checks, unless another instance of the deployment did. */
  static void startOnce(Vertx vertx, String deploymentId, NetServer server, NetEchoConfig.Tls config, TlsFiles files) {
    LocalMap<String, Boolean> claims = vertx.sharedData().getLocalMap(CLAIMS);
    if (claims.putIfAbsent(deploymentId, Boolean.TRUE) != null) {
      return;
    }
    ((ContextInternal) vertx.getOrCreateContext()).addCloseHook(done -> {
      claims.remove(deploymentId);
      done.succeed();
    });
    LOG.info("serving TLS certificate {}", files.describe());
    if (config.reloadSeconds() > 0) {
      CertificateReloader reloader = new CertificateReloader(vertx, server, config, files);
      // a periodic timer of the deployment: undeploying cancels it
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
    return server.updateSSLOptions(files.sslOptions()).map(updated -> {
      serving = files;
      LOG.info("reloaded TLS certificate {}", files.describe());
      // file attributes are read: off the event loop
      vertx.executeBlocking(() -> {
        TlsWarnings.check(vertx, config, files);
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
