package io.netecho.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code cluster.join} and {@code cluster.kubernetes.serviceDns}: values, names and the one-line errors. */
class ClusterJoinConfigTest {

  @Test
  void defaultJoinIsTheMemberList() {
    assertEquals(NetEchoConfig.Join.TCP, NetEchoConfig.defaults().cluster().join());
  }

  @Test
  void kubernetesJoinCarriesTheServiceDnsName() {
    NetEchoConfig config = NetEchoConfig.fromJson(new JsonObject("""
        {"cluster":{"join":"kubernetes","kubernetes":{"serviceDns":"net-echo-cluster"}}}"""));

    assertEquals(new NetEchoConfig.Join(NetEchoConfig.Join.Method.KUBERNETES, "net-echo-cluster"),
      config.cluster().join());
  }

  @Test
  void kubernetesJoinWithoutServiceDnsIsRefusedInOneLine() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> NetEchoConfig.fromJson(new JsonObject().put("cluster", new JsonObject().put("join", "kubernetes"))));

    assertEquals("cluster.kubernetes.serviceDns: required when cluster.join is kubernetes"
      + " (the DNS name of the pods' headless Service)", e.getMessage());
  }

  @Test
  void unknownJoinMethodIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> NetEchoConfig.fromJson(new JsonObject().put("cluster", new JsonObject().put("join", "multicast"))));

    assertEquals("cluster.join: \"multicast\" must be one of tcp, kubernetes", e.getMessage());
  }

  @Test
  void environmentNamesBothKeys() {
    JsonObject env = ConfigOverrides.fromEnv(Map.of("NETECHO_CLUSTER_JOIN", "kubernetes",
      "NETECHO_CLUSTER_KUBERNETES_SERVICE_DNS", "net-echo-cluster.echo.svc.cluster.local"));

    NetEchoConfig.Join join = NetEchoConfig.fromJson(env).cluster().join();

    assertEquals("net-echo-cluster.echo.svc.cluster.local", join.kubernetesServiceDns());
  }
}
