package io.netecho.config;

import io.netecho.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The variables Kubernetes injects for a Service named {@code netecho} are not settings: ignored with
 * one warning naming them, never fatal.
 */
class ServiceLinksTest {

  /** What a pod sees for a Service {@code netecho} with ports 8124/TCP (named echo) and 8125/TCP. */
  private static final Map<String, String> SERVICE_LINKS = Map.of(
    "NETECHO_SERVICE_HOST", "10.96.0.17",
    "NETECHO_SERVICE_PORT", "8124",
    "NETECHO_SERVICE_PORT_ECHO", "8124",
    "NETECHO_PORT", "tcp://10.96.0.17:8124",
    "NETECHO_PORT_8124_TCP", "tcp://10.96.0.17:8124",
    "NETECHO_PORT_8124_TCP_PROTO", "tcp",
    "NETECHO_PORT_8124_TCP_PORT", "8124",
    "NETECHO_PORT_8124_TCP_ADDR", "10.96.0.17",
    "NETECHO_PORT_8125_TCP", "tcp://10.96.0.17:8125");

  private LogCapture log;

  @BeforeEach
  void capture() {
    log = LogCapture.of(ServiceLinks.class);
  }

  @AfterEach
  void release() {
    log.close();
  }

  @Test
  void serviceLinkVariablesAreIgnoredAndSettingsBesideThemApply() {
    Map<String, String> env = new java.util.HashMap<>(SERVICE_LINKS);
    env.put("NETECHO_REPLY_PREFIX", "> ");
    assertEquals(new JsonObject().put("reply", new JsonObject().put("prefix", "> ")), ConfigOverrides.fromEnv(env));
  }

  @Test
  void oneWarningNamesTheVariablesAndNoValue() {
    ConfigOverrides.fromEnv(Map.of("NETECHO_SERVICE_HOST", "10.96.0.99", "NETECHO_PORT", "tcp://10.96.0.99:8124"));
    ConfigOverrides.fromEnv(Map.of("NETECHO_SERVICE_HOST", "10.96.0.99", "NETECHO_PORT", "tcp://10.96.0.99:8124"));

    List<String> warnings = log.texts(line -> true);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith(
      "ignored Kubernetes service-link variables [NETECHO_PORT, NETECHO_SERVICE_HOST]"), warnings.get(0));
    assertFalse(warnings.get(0).contains("10.96.0.99"), warnings.get(0));
  }

  @Test
  void aNumberInNetechoPortIsStillThePortSetting() {
    assertEquals(new JsonObject().put("port", 9000), ConfigOverrides.fromEnv(Map.of("NETECHO_PORT", "9000")));
    assertTrue(log.texts(line -> true).isEmpty());
  }

  @Test
  void aMistypedSettingIsStillRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
      () -> ConfigOverrides.fromEnv(Map.of("NETECHO_SERVICE_HOSTS", "x")));
  }
}
