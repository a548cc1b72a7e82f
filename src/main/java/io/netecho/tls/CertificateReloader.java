package io.netecho.tls;

import io.netecho.OneLine;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
  private static final String OTHER_LISTENERS = "netecho.tls.listeners";

  private final Vertx vertx;
  private final NetServer server;
  private final String deploymentId;
  private final NetEchoConfig.Tls config;
  private TlsFiles serving;
  private String lastProblem;
  private boolean checking;

  private CertificateReloader(Vertx vertx, NetServer server, String deploymentId, NetEchoConfig.Tls config,
                              TlsFiles serving) {
    this.vertx = vertx;
    this.server = server;
    this.deploymentId = deploymentId;
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
      CertificateReloader reloader = new CertificateReloader(vertx, server, deploymentId, config, files);
      // a periodic timer of the deployment: undeploying cancels it
      vertx.setPeriodic(config.reloadSeconds() * 1000L, id -> reloader.check());
    }
  }

  /**
   * Another listener of the deployment that serves the same files (the HTTP echo, the info port): it
   * gets what the echo port gets. One per listener name, however many instances register it.
   */
  static void alsoReload(Vertx vertx, String deploymentId, String listener,
                         Function<ServerSSLOptions, Future<Boolean>> update) {
    LocalMap<String, OtherListener> listeners = vertx.sharedData().getLocalMap(OTHER_LISTENERS);
    String key = deploymentId + " " + listener;
    if (listeners.putIfAbsent(key, new OtherListener(update)) == null) {
      ((ContextInternal) vertx.getOrCreateContext()).addCloseHook(done -> {
        listeners.remove(key);
        done.succeed();
      });
    }
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    vertx.executeBlocking(() -> TlsFiles.read(vertx, config))
      .compose(this::serveIfChanged)
      .onSuccess(v -> lastProblem = null)
      .onFailure(this::report)
      .onComplete(v -> checking = false);
  }

  private Future<Void> serveIfChanged(TlsFiles files) {
    if (files.sameAs(serving)) {
      return Future.succeededFuture();
    }
    List<Future<Boolean>> updates = new ArrayList<>();
    updates.add(server.updateSSLOptions(files.sslOptions()));
    for (Map.Entry<String, OtherListener> other : vertx.sharedData().<String, OtherListener>getLocalMap(OTHER_LISTENERS)
        .entrySet()) {
      if (other.getKey().startsWith(deploymentId + " ")) {
        updates.add(other.getValue().update().apply(files.sslOptions()));
      }
    }
    return Future.all(updates).map(updated -> {
      serving = files;
      LOG.info("reloaded TLS certificate {}", files.describe());
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

  /** How a listener other than the echo port takes new files. */
  private record OtherListener(Function<ServerSSLOptions, Future<Boolean>> update) implements Shareable {
  }
}
