package io.netecho.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema is the one description of the keys: the record, the names and the README table follow it. */
class ConfigSchemaTest {

  @Test
  void toJsonHasExactlyTheSchemaKeys() {
    // as a set: a key added later to an earlier section (udp.host) comes last in the schema but
    // inside its section in the nested JSON
    List<String> schemaPaths = ConfigSchema.keys().stream().map(ConfigSchema.Key::path).sorted().toList();

    assertEquals(schemaPaths, paths("", NetEchoConfig.defaults().toJson()).stream().sorted().toList());
  }

  @Test
  void defaultsJsonHoldsTheSchemaDefaults() {
    JsonObject defaults = NetEchoConfig.defaults().toJson();

    ConfigSchema.keys().forEach(key -> assertEquals(key.defaultValue(), valueAt(defaults, key.path()), key.path()));
  }

  @Test
  void keyWithCamelCaseHasJoinedAndSnakeEnvNames() {
    ConfigSchema.Key key = ConfigSchema.forPropertyPath("log.maxDataChars").orElseThrow();

    assertEquals(List.of("NETECHO_LOG_MAXDATACHARS", "NETECHO_LOG_MAX_DATA_CHARS"), key.envNames());
    assertEquals("netecho.log.maxDataChars", key.systemProperty());
  }

  @Test
  void markdownTableHasOneRowPerKey() {
    List<String> rows = ConfigSchema.markdownTable().lines().toList();

    assertEquals(ConfigSchema.keys().size() + 2, rows.size());
    assertEquals("| `port` | integer | `8124` | 0..65535 | TCP port (0 = ephemeral; the chosen port is printed) |",
        rows.get(3));
    assertTrue(rows.contains("| `admin.token` | string or null | none | at least 16 characters, or none "
        + "| bearer token POST /broadcast requires; none = 403 |"), String.join("\n", rows));
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
