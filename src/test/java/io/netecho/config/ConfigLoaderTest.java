package io.netecho.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ConfigLoader}: the layers in override order, the default file, and failures as {@link ConfigException}. */
@ExtendWith(VertxExtension.class)
@Timeout(5)
class ConfigLoaderTest {

  private static final JsonObject NO_CONF = new JsonObject();
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir
  Path dir;

  @Test
  void withoutAnyLayerTheDefaultsApply(Vertx vertx, VertxTestContext test) {
    expectConfig(vertx, test, sources(NO_CONF, NO_ENV, new Properties()),
        config -> assertEquals(NetEchoConfig.defaults(), config));
  }

  @Test
  void confJsonOverridesDefaults(Vertx vertx, VertxTestContext test) {
    expectConfig(vertx, test, sources(new JsonObject().put("port", 9001), NO_ENV, new Properties()),
        config -> assertEquals(9001, config.port()));
  }

  @Test
  void envOverridesConfJson(Vertx vertx, VertxTestContext test) {
    expectConfig(vertx, test, sources(new JsonObject().put("port", 9001), Map.of("NETECHO_PORT", "9002"), new Properties()),
        config -> assertEquals(9002, config.port()));
  }

  @Test
  void systemPropertyOverridesEnv(Vertx vertx, VertxTestContext test) {
    expectConfig(vertx, test, sources(new JsonObject().put("port", 9001), Map.of("NETECHO_PORT", "9002"),
        properties("netecho.port", "9003")), config -> assertEquals(9003, config.port()));
  }

  @Test
  void defaultFileIsReadWhenConfJsonIsEmpty(Vertx vertx, VertxTestContext test) throws IOException {
    write("{\"host\":\"127.0.0.1\"}");

    expectConfig(vertx, test, sources(NO_CONF, NO_ENV, new Properties()),
        config -> assertEquals("127.0.0.1", config.host()));
  }

  @Test
  void defaultFileIsIgnoredWhenConfJsonIsGiven(Vertx vertx, VertxTestContext test) throws IOException {
    write("{\"host\":\"127.0.0.1\"}");

    expectConfig(vertx, test, sources(new JsonObject().put("port", 9001), NO_ENV, new Properties()),
        config -> assertEquals("0.0.0.0", config.host()));
  }

  @Test
  void nestedConfValueKeepsSiblingDefaults(Vertx vertx, VertxTestContext test) {
    JsonObject conf = new JsonObject().put("reply", new JsonObject().put("delayMs", 25));

    expectConfig(vertx, test, sources(conf, NO_ENV, new Properties()),
        config -> assertEquals(new NetEchoConfig.Reply("Repeating: ", 25), config.reply()));
  }

  @Test
  void nestedEnvValueKeepsConfSiblings(Vertx vertx, VertxTestContext test) {
    JsonObject conf = new JsonObject().put("reply", new JsonObject().put("prefix", "> "));

    expectConfig(vertx, test, sources(conf, Map.of("NETECHO_REPLY_DELAY_MS", "25"), new Properties()),
        config -> assertEquals(new NetEchoConfig.Reply("> ", 25), config.reply()));
  }

  @Test
  void emptyPrefixFromEnvOverridesConf(Vertx vertx, VertxTestContext test) {
    JsonObject conf = new JsonObject().put("reply", new JsonObject().put("prefix", "> "));

    expectConfig(vertx, test, sources(conf, Map.of("NETECHO_REPLY_PREFIX", ""), new Properties()),
        config -> assertEquals("", config.reply().prefix()));
  }

  @Test
  void badConfValueNamesTheDeploymentConfig(Vertx vertx, VertxTestContext test) {
    expectFailure(vertx, test, sources(new JsonObject().put("port", 70000), NO_ENV, new Properties()),
        "deployment config: port: 70000 is out of range 0..65535");
  }

  @Test
  void badDefaultFileValueNamesTheFile(Vertx vertx, VertxTestContext test) throws IOException {
    write("{\"reply\":{\"prefx\":\"x\"}}");

    expectFailure(vertx, test, sources(NO_CONF, NO_ENV, new Properties()),
        file() + ": reply.prefx: unknown key (value \"x\")");
  }

  @Test
  void malformedDefaultFileFailsNamingTheFile(Vertx vertx, VertxTestContext test) throws IOException {
    write("{\"port\": 8124,}");

    ConfigLoader.load(vertx, sources(NO_CONF, NO_ENV, new Properties()))
        .onComplete(test.failing(err -> test.verify(() -> {
          assertInstanceOf(ConfigException.class, err);
          assertTrue(err.getMessage().startsWith(file() + ": not valid JSON: "), err.getMessage());
          assertTrue(err.getMessage().contains("line 1, column 15"), err.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void defaultFileThatIsADirectoryCannotBeRead(Vertx vertx, VertxTestContext test) throws IOException {
    Files.createDirectory(file());

    ConfigLoader.load(vertx, sources(NO_CONF, NO_ENV, new Properties()))
        .onComplete(test.failing(err -> test.verify(() -> {
          assertInstanceOf(ConfigException.class, err);
          assertTrue(err.getMessage().startsWith(file() + ": cannot read: "), err.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void badEnvValueNamesTheVariableAndValue(Vertx vertx, VertxTestContext test) {
    expectFailure(vertx, test, sources(NO_CONF, Map.of("NETECHO_PORT", "abc"), new Properties()),
        "NETECHO_PORT=abc: port must be an integer");
  }

  @Test
  void unknownNetechoVariableFails(Vertx vertx, VertxTestContext test) {
    expectFailure(vertx, test, sources(NO_CONF, Map.of("NETECHO_COLOUR", "red"), new Properties()),
        "NETECHO_COLOUR=red: unknown key");
  }

  @Test
  void badSystemPropertyValueNamesThePropertyAndValue(Vertx vertx, VertxTestContext test) {
    expectFailure(vertx, test, sources(NO_CONF, NO_ENV, properties("netecho.log.data", "yes")),
        "netecho.log.data=yes: log.data must be true or false");
  }

  private ConfigSources sources(JsonObject conf, Map<String, String> env, Properties properties) {
    return new ConfigSources(conf, file(), env, properties);
  }

  private Path file() {
    return dir.resolve("config.json");
  }

  private void write(String json) throws IOException {
    Files.writeString(file(), json);
  }

  private static Properties properties(String name, String value) {
    Properties properties = new Properties();
    properties.setProperty(name, value);
    return properties;
  }

  private static void expectConfig(Vertx vertx, VertxTestContext test, ConfigSources sources,
                                   Consumer<NetEchoConfig> assertions) {
    ConfigLoader.load(vertx, sources).onComplete(test.succeeding(config -> test.verify(() -> {
      assertions.accept(config);
      test.completeNow();
    })));
  }

  private static void expectFailure(Vertx vertx, VertxTestContext test, ConfigSources sources, String message) {
    Future<NetEchoConfig> loaded = ConfigLoader.load(vertx, sources);
    loaded.onComplete(test.failing(err -> test.verify(() -> {
      assertInstanceOf(ConfigException.class, err);
      assertEquals(message, err.getMessage());
      test.completeNow();
    })));
  }
}
