package io.netecho.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The keys are the one description of the configuration: the record, its JSON and the names follow them. */
class ConfigKeysTest {

  @Test
  void normalizedJsonHasExactlyTheKeys() {
    // as a set
    List<String> keyPaths = ConfigKeys.all().stream().map(ConfigKey::path).sorted().toList();

    assertEquals(keyPaths, paths("", NetEchoConfig.normalized(new JsonObject())).stream().sorted().toList());
  }

  @Test
  void defaultsJsonHoldsTheKeysDefaults() {
    JsonObject defaults = NetEchoConfig.normalized(new JsonObject());

    ConfigKeys.all().forEach(key -> assertEquals(key.defaultValue(), valueAt(defaults, key.path()), key.path()));
  }

  @Test
  void keyWithCamelCaseHasJoinedAndSnakeEnvNames() {
    ConfigKey key = ConfigKeys.LOG_MAX_DATA_CHARS;

    assertEquals(List.of("NETECHO_LOG_MAXDATACHARS", "NETECHO_LOG_MAX_DATA_CHARS"), key.envNames());
    assertEquals("netecho.log.maxDataChars", key.systemProperty());
  }

  @Test
  void everyKeyReadsBackFromTheNormalizedJson() {
    JsonObject json = new JsonObject()
      .put("reply", new JsonObject().put("prefix", "> ").put("delayMs", 7))
      .put("log", new JsonObject().put("format", "json"))
      .put("tls", new JsonObject().put("clientAuth", "request"))
      .put("cluster", new JsonObject().put("members", "a:5701, [::1]:5702").put("join", "kubernetes")
        .put("kubernetes", new JsonObject().put("serviceDns", "pods.default.svc")))
      .put("faults", new JsonObject().put("slicer", new JsonObject().put("sliceBytes", 3).put("toxicity", 0.5)))
      .put("listeners", new JsonArray().add(new JsonObject().put("port", 9001)
        .put("faults", new JsonObject().put("reset", new JsonObject().put("afterMs", 10)))));
    NetEchoConfig changed = NetEchoConfig.fromJson(json);

    assertEquals(changed, NetEchoConfig.fromJson(NetEchoConfig.normalized(json)));
  }

  private static List<String> paths(String prefix, JsonObject json) {
    List<String> paths = new ArrayList<>();
    for (String name : json.fieldNames()) {
      Object value = json.getValue(name);
      if (value instanceof JsonObject nested) {
        paths.addAll(paths(prefix + name + ".", nested));
      } else {
        paths.add(prefix + name);
      }
    }
    return paths;
  }

  private static Object valueAt(JsonObject json, String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? json.getValue(path) : valueAt(json.getJsonObject(path.substring(0, dot)), path.substring(dot + 1));
  }
}
