package io.netecho.it;

import io.netecho.config.ConfigKey;
import io.netecho.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --help} and {@code --version} under each way to start net-echo: the usage lists every key of
 * the schema with its default and its environment and system-property names; the version is the pom's
 * (passed in by the build as {@code project.version}), in {@code --version}, {@code /health} and
 * {@code netecho_build_info}.
 */
@Timeout(120)
class HelpAndVersionIT extends ServerProcessTest {

  private static final String VERSION = System.getProperty("project.version");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Runs {@code command} to its end; answers its output, after checking it exited 0. */
  private String run(List<String> command) throws Exception {
    server = ServerProcess.start(command);
    assertEquals(0, server.awaitExit(60), server.output());
    return server.output();
  }

  private String jar(String option) throws Exception {
    return run(List.of(ServerProcess.javaBin(), "-jar", ServerProcess.JAR, option));
  }

  private static String script(String name) {
    return ServerProcess.ROOT.resolve("scripts/" + name).toString();
  }

  private static String get(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(10)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void helpListsEveryKeyWithItsDefaultAndItsEnvironmentAndPropertyNames() throws Exception {
    String help = jar("--help") + "\n";
    for (String option : new String[] {"-instances", "-conf", "-cluster", "-cluster-host"}) {
      assertTrue(help.contains("\n  " + option + " "), option + " missing from:\n" + help);
    }
    for (ConfigKey key : ConfigKeys.all()) {
      assertTrue(help.contains("\n  " + key.path() + " = "), key.path() + " missing from:\n" + help);
      for (String env : key.envNames()) {
        assertTrue(help.contains(env), env + " missing from:\n" + help);
      }
      assertTrue(help.contains(key.systemProperty() + "\n"), key.systemProperty() + " missing from:\n" + help);
    }
    assertTrue(help.contains("\n  reply.prefix = \"Repeating: \" "), help);
    assertTrue(help.contains("\n  admin.token = none "), help);
  }

  @Test
  void dashHPrintsTheSameUsage() throws Exception {
    assertEquals(jar("--help"), jar("-h"));
  }

  @Test
  void scriptsVertxAndScriptsRunPrintTheSameUsage() throws Exception {
    String help = jar("--help");
    assertEquals(help, run(List.of("bash", script("vertx"), "--help")));
    assertEquals(help, run(List.of("bash", script("run"), "--help")));
  }

  @Test
  void versionPrintsThePomsVersion() throws Exception {
    assertTrue(VERSION != null && !VERSION.isBlank(), "the build passes project.version");
    assertEquals("net-echo " + VERSION, jar("--version"));
  }

  @Test
  void healthAndMetricsCarryThePomsVersion() throws Exception {
    server = ServerProcess.jar("-conf", "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"host\":\"127.0.0.1\",\"port\":0}}");
    int admin = Integer.parseInt(server.await("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)", 60).group(1));
    assertTrue(get(admin, "/health").contains("\"version\":\"" + VERSION + "\""), get(admin, "/health"));
    String metrics = get(admin, "/metrics");
    assertTrue(metrics.contains("\nnetecho_build_info{version=\"" + VERSION + "\"} 1"), metrics);
  }
}
