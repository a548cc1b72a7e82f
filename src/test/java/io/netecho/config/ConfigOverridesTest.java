package io.netecho.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code NETECHO_*} variables and {@code netecho.*} properties become typed, nested JSON layers. */
class ConfigOverridesTest {

  @Test
  void joinedEnvSpellingMapsToTheNestedKey() {
    assertEquals(new JsonObject("{\"log\":{\"maxDataChars\":50}}"),
        ConfigOverrides.fromEnv(Map.of("NETECHO_LOG_MAXDATACHARS", "50")));
  }

  @Test
  void snakeEnvSpellingMapsToTheNestedKey() {
    assertEquals(new JsonObject("{\"log\":{\"maxDataChars\":50}}"),
        ConfigOverrides.fromEnv(Map.of("NETECHO_LOG_MAX_DATA_CHARS", "50")));
  }

  @Test
  void bothSpellingsOfAllowHalfOpenMap() {
    JsonObject expected = new JsonObject().put("allowHalfOpen", true);

    assertEquals(expected, ConfigOverrides.fromEnv(Map.of("NETECHO_ALLOWHALFOPEN", "true")));
    assertEquals(expected, ConfigOverrides.fromEnv(Map.of("NETECHO_ALLOW_HALF_OPEN", "true")));
  }

  @Test
  void envNameAfterThePrefixIsCaseInsensitive() {
    assertEquals(new JsonObject("{\"reply\":{\"delayMs\":7}}"),
        ConfigOverrides.fromEnv(Map.of("NETECHO_reply_delayMs", "7")));
  }

  @Test
  void envStringIsTakenAsIsAndMayBeEmpty() {
    assertEquals(new JsonObject("{\"reply\":{\"prefix\":\"\"}}"),
        ConfigOverrides.fromEnv(Map.of("NETECHO_REPLY_PREFIX", "")));
  }

  @Test
  void envBooleanIsCaseInsensitive() {
    assertEquals(new JsonObject("{\"log\":{\"data\":false}}"),
        ConfigOverrides.fromEnv(Map.of("NETECHO_LOG_DATA", "FALSE")));
  }

  @Test
  void emptyEnvValueUnsetsANullableKey() {
    assertEquals(new JsonObject("{\"admin\":{\"token\":null}}"),
        ConfigOverrides.fromEnv(Map.of("NETECHO_ADMIN_TOKEN", "")));
  }

  @Test
  void otherEnvVariablesAreIgnored() {
    assertEquals(new JsonObject(), ConfigOverrides.fromEnv(Map.of("PATH", "/bin", "NETECHOX", "1")));
  }

  @Test
  void envIntegerThatIsNotANumberNamesTheVariable() {
    assertMessage("NETECHO_PORT=abc: port must be an integer", Map.of("NETECHO_PORT", "abc"));
  }

  @Test
  void envIntegerOutOfRangeNamesTheVariable() {
    assertMessage("NETECHO_PORT=70000: port is out of range 0..65535", Map.of("NETECHO_PORT", "70000"));
  }

  @Test
  void envBooleanOtherThanTrueOrFalseIsRejected() {
    assertMessage("NETECHO_LOG_DATA=yes: log.data must be true or false", Map.of("NETECHO_LOG_DATA", "yes"));
  }

  @Test
  void envClusterMembersAreChecked() {
    assertMessage("NETECHO_CLUSTER_MEMBERS=a:x: cluster.members has an invalid entry \"a:x\" "
        + "(expected host[:port], port 1..65535)", Map.of("NETECHO_CLUSTER_MEMBERS", "a:x"));
  }

  @Test
  void unknownNetechoVariableIsRejected() {
    assertMessage("NETECHO_PORTT=1: unknown key", Map.of("NETECHO_PORTT", "1"));
  }

  @Test
  void envSectionWithoutKeyIsRejected() {
    assertMessage("NETECHO_REPLY=x: unknown key", Map.of("NETECHO_REPLY", "x"));
  }

  @Test
  void bothSpellingsOfOneKeyAreRejected() {
    assertMessage("NETECHO_LOG_MAX_DATA_CHARS=6: log.maxDataChars is already set by NETECHO_LOG_MAXDATACHARS",
        Map.of("NETECHO_LOG_MAXDATACHARS", "5", "NETECHO_LOG_MAX_DATA_CHARS", "6"));
  }

  @Test
  void envValueWithControlCharactersIsEscaped() {
    assertMessage("NETECHO_PORT=1\\n\\u001b[31m: port must be an integer", Map.of("NETECHO_PORT", "1\n\u001b[31m"));
  }

  @Test
  void systemPropertyPathIsCaseInsensitive() {
    assertEquals(new JsonObject("{\"reply\":{\"prefix\":\"> \"}}"),
        ConfigOverrides.fromSystemProperties(properties("netecho.REPLY.Prefix", "> ")));
  }

  @Test
  void systemPropertyIntegerIsConverted() {
    assertEquals(new JsonObject().put("port", 9000), ConfigOverrides.fromSystemProperties(properties("netecho.port", "9000")));
  }

  @Test
  void otherSystemPropertiesAreIgnored() {
    assertEquals(new JsonObject(), ConfigOverrides.fromSystemProperties(properties("java.version", "17")));
  }

  @Test
  void aShortEnvTokenIsRejectedWithoutShowingIt() {
    assertMessage("NETECHO_ADMIN_TOKEN=(value not shown): admin.token must be at least 16 characters (whitespace trimmed)",
        Map.of("NETECHO_ADMIN_TOKEN", "short-secret"));
  }

  @Test
  void aMistypedAdminVariableIsRejectedWithoutShowingItsValue() {
    assertMessage("NETECHO_ADMIN_TOKN=(value not shown): unknown key", Map.of("NETECHO_ADMIN_TOKN", "a-mistyped-secret-value"));
  }

  @Test
  void aTokenSetTwiceIsRejectedWithoutShowingIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigOverrides.fromSystemProperties(
        properties("netecho.admin.token", "first-secret-value-1", "netecho.ADMIN.TOKEN", "second-secret-value-2")));

    assertTrue(!e.getMessage().contains("secret-value"), e.getMessage());
    assertTrue(e.getMessage().contains("admin.token is already set by"), e.getMessage());
  }

  @Test
  void badSystemPropertyValueNamesThePropertyAndValue() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigOverrides.fromSystemProperties(properties("netecho.log.data", "yes")));

    assertEquals("netecho.log.data=yes: log.data must be true or false", e.getMessage());
  }

  @Test
  void unknownNetechoSystemPropertyIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigOverrides.fromSystemProperties(properties("netecho.reply.prefx", "x")));

    assertEquals("netecho.reply.prefx=x: unknown key", e.getMessage());
  }

  private static Properties properties(String... nameValues) {
    Properties properties = new Properties();
    for (int i = 0; i < nameValues.length; i += 2) {
      properties.setProperty(nameValues[i], nameValues[i + 1]);
    }
    return properties;
  }

  private static void assertMessage(String expected, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigOverrides.fromEnv(env));
    assertEquals(expected, e.getMessage());
  }
}
