package io.netecho.grpc;

import io.netecho.EchoVerticle;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The echo verticle deployed with the HTTP echo on an ephemeral loopback port, that port read from its log line. */
final class GrpcEchoServer {

  private static final Pattern LISTENING = Pattern.compile("^http echo listening on port (\\d+)");

  private GrpcEchoServer() {
  }

  /** Deploys with {@code overrides} and answers the HTTP echo's port. */
  static int deploy(Vertx vertx, JsonObject overrides) {
    JsonObject config = EchoServers.config(new JsonObject()
      .put("http", new JsonObject().put("enabled", true).put("port", 0))
      .mergeIn(overrides, true));
    try (LogCapture log = LogCapture.ofAll()) {
      vertx.deployVerticle(EchoVerticle.class.getName(), new DeploymentOptions().setConfig(config)).await();
      List<String> lines = log.texts(line -> LISTENING.matcher(line).find());
      if (lines.size() != 1) {
        throw new AssertionError("expected one 'http echo listening' line, got " + lines);
      }
      Matcher m = LISTENING.matcher(lines.get(0));
      m.find();
      return Integer.parseInt(m.group(1));
    }
  }
}
