package io.netecho.launcher;

import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;

/**
 * The fat jar's main class: Vert.x's application launcher ({@code -instances}, {@code -conf},
 * {@code -cluster}, ...) with net-echo's {@link Startup} in its hooks. It must extend
 * {@link VertxApplication}: the launcher honours the jar's {@code Main-Verticle} only when the
 * running class is the manifest's {@code Main-Class}.
 */
public class NetEchoApplication extends VertxApplication implements VertxApplicationHooks {

  private final Startup startup;

  public NetEchoApplication(String[] args) {
    super(args);
    this.startup = new Startup(args);
  }

  public static void main(String[] args) {
    if (Usage.answered(args, System.out)) {
      return;
    }
    JvmDefaults.apply();
    ShutdownSignals.exitCleanly();
    new NetEchoApplication(args).launch();
  }

  @Override
  public JsonObject afterConfigParsed(JsonObject config) {
    return startup.conf(config);
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return startup.builder(options);
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    startup.vertxStarted(context.vertx());
  }

  @Override
  public void beforeDeployingVerticle(HookContext context) {
    context.deploymentOptions().setConfig(startup.deploymentConfig());
  }

  @Override
  public void afterVertxStopped(HookContext context) {
    startup.vertxStopped();
  }

  @Override
  public void afterFailureToStopVertx(HookContext context, Throwable t) {
    startup.vertxStopped();
  }

  @Override
  public void afterFailureToStartVertx(HookContext context, Throwable t) {
    startup.vertxFailed(t);
  }

  @Override
  public void afterFailureToDeployVerticle(HookContext context, Throwable t) {
    startup.deployFailed(t);
  }
}
