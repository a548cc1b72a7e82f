package io.netecho.http;

import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.netecho.EchoVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The echo verticle deployed as the launchers deploy it, on loopback and ephemeral ports with the
 * HTTP echo on, its ports read from the log lines a user reads them from (-1: that listener is off), and
 * the echo's deployment id (the node's services are a deployment of their own).
 */
record HttpEchoServer(int echoPort, int httpPort, int infoPort, int adminPort, String deploymentId) {

  static HttpEchoServer deploy(Vertx vertx, JsonObject overrides) {
    return deploy(vertx, overrides, 1);
  }

  static HttpEchoServer deploy(Vertx vertx, JsonObject overrides, int instances) {
    JsonObject config = EchoServers.config(new JsonObject()
      .put("http", new JsonObject().put("enabled", true).put("port", 0))
      .mergeIn(overrides, true));
    try (LogCapture log = LogCapture.ofAll()) {
      String id = vertx.deployVerticle(EchoVerticle.class.getName(),
        new DeploymentOptions().setConfig(config).setInstances(instances)).await();
      return new HttpEchoServer(port(log, "^listening on port (\\d+)"), port(log, "^http echo listening on port (\\d+)"),
        port(log, "^info port listening on port (\\d+)"), port(log, "^admin endpoint on http://[^ ]+:(\\d+)"), id);
    }
  }

  /** The port in the one matching line, or -1 when none matches. */
  private static int port(LogCapture log, String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<String> lines = log.texts(line -> pattern.matcher(line).find());
    if (lines.size() > 1) {
      throw new AssertionError("more than one line matching " + regex + ": " + lines);
    }
    if (lines.isEmpty()) {
      return -1;
    }
    Matcher m = pattern.matcher(lines.get(0));
    m.find();
    return Integer.parseInt(m.group(1));
  }
}
