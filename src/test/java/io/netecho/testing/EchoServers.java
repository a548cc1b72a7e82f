package io.netecho.testing;

import io.netecho.EchoVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Deploys the echo verticle the way the launchers do, on an ephemeral port, and finds that port. */
public final class EchoServers {

  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private EchoServers() {
  }

  /** Config for a test server: ephemeral port on loopback, admin off, plus the given overrides. */
  public static JsonObject config(JsonObject overrides) {
    return new JsonObject()
      .put("host", "127.0.0.1")
      .put("port", 0)
      .put("admin", new JsonObject().put("enabled", false))
      .mergeIn(overrides, true);
  }

  /** Deploys and answers the port from the one "listening on port" line, as a user would read it. */
  public static Future<Integer> deploy(Vertx vertx, JsonObject overrides, int instances) {
    LogCapture log = LogCapture.of(EchoVerticle.class);
    DeploymentOptions options = new DeploymentOptions().setConfig(config(overrides)).setInstances(instances);
    return vertx.deployVerticle(EchoVerticle.class.getName(), options)
      .map(id -> port(log))
      .eventually(() -> {
        log.close();
        return Future.succeededFuture();
      });
  }

  public static Future<Integer> deploy(Vertx vertx, JsonObject overrides) {
    return deploy(vertx, overrides, 1);
  }

  private static int port(LogCapture log) {
    var lines = log.texts(text -> text.startsWith("listening on port"));
    if (lines.size() != 1) {
      throw new AssertionError("expected one 'listening on port' line, got " + lines);
    }
    Matcher m = LISTENING.matcher(lines.get(0));
    if (!m.find()) {
      throw new AssertionError(lines.get(0));
    }
    return Integer.parseInt(m.group(1));
  }
}
