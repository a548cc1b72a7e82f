package io.netecho;

import io.netecho.config.ConfigLoader;
import io.netecho.config.ConfigSources;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the instances of one deployment share: the configuration, read once for all of them, and
 * the count that makes exactly one of them print the "listening" line.
 */
final class SharedDeployment implements Shareable {

  private static final String MAP = "netecho.deployments";

  private final AtomicReference<Future<NetEchoConfig>> config = new AtomicReference<>();
  private final AtomicInteger listening = new AtomicInteger();
  private final AtomicReference<ConnectionLimit> connections = new AtomicReference<>();

  static SharedDeployment of(Vertx vertx, String deploymentId) {
    return map(vertx).computeIfAbsent(deploymentId, id -> new SharedDeployment());
  }

  static void forget(Vertx vertx, String deploymentId) {
    map(vertx).remove(deploymentId);
  }

  /** The first caller starts the one read; every caller gets its result. */
  Future<NetEchoConfig> config(Vertx vertx, JsonObject deploymentConfig) {
    Promise<NetEchoConfig> promise = Promise.promise();
    if (config.compareAndSet(null, promise.future())) {
      ConfigLoader.load(vertx, ConfigSources.of(deploymentConfig))
        // the console's format is known from here on (log.format)
        .onSuccess(loaded -> loaded.log().format().apply())
        .onComplete(promise);
    }
    return config.get();
  }

  /** One {@code maxConnections} count for all instances. */
  ConnectionLimit connectionLimit(int max) {
    return connections.updateAndGet(limit -> limit != null ? limit : new ConnectionLimit(max));
  }

  /** True for the instance whose listen completes the deployment. */
  boolean lastToListen(int instances) {
    return listening.incrementAndGet() == instances;
  }

  private static LocalMap<String, SharedDeployment> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
