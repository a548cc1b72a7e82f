package io.netecho.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Launcher;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

/**
 * {@code scripts/vertx}: the Vert.x CLI ({@code run}, {@code start}, {@code stop}, {@code list},
 * same options and exit codes) with net-echo's {@link Startup} in its lifecycle hooks.
 */
public class NetEchoCli extends Launcher {

  private final Startup startup;

  public NetEchoCli(String[] args) {
    this.startup = new Startup(args);
  }

  public static void main(String[] args) {
    if (Usage.answered(args, System.out)) {
      return;
    }
    JvmDefaults.apply();
    ShutdownSignals.exitCleanly();
    new NetEchoCli(args).dispatch(args);
  }

  @Override
  public void afterConfigParsed(JsonObject config) {
    startup.conf(config);
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return startup.builder(options);
  }

  @Override
  public void afterStartingVertx(Vertx vertx) {
    startup.vertxStarted(vertx);
  }

  @Override
  public void beforeDeployingVerticle(DeploymentOptions options) {
    options.setConfig(startup.deploymentConfig());
  }

  @Override
  public void afterStoppingVertx() {
    startup.vertxStopped();
  }

  @Override
  public void handleDeployFailed(Vertx vertx, String mainVerticle, DeploymentOptions options, Throwable cause) {
    try {
      startup.deployFailed(cause);
    } catch (RuntimeException exiting) {
      // the process is exiting with the reason printed; nothing more to report here
    }
  }
}
