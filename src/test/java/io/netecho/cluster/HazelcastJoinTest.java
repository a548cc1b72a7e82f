package io.netecho.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The join section of the Hazelcast config that {@code cluster.join} selects. */
class HazelcastJoinTest {

  @Test
  void tcpJoinsTheMemberListOnly() {
    NetEchoConfig.Cluster cluster = cluster(new JsonObject().put("members", "10.0.0.1:5701,10.0.0.2"));

    JoinConfig join = HazelcastSetup.config(cluster, "127.0.0.1").getNetworkConfig().getJoin();

    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2"), join.getTcpIpConfig().getMembers());
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getKubernetesConfig().isEnabled());
  }

  @Test
  void kubernetesLooksUpTheServiceDnsNameOnTheClusterPort() {
    NetEchoConfig.Cluster cluster = cluster(new JsonObject().put("join", "kubernetes").put("port", 5702)
      .put("kubernetes", new JsonObject().put("serviceDns", "net-echo-cluster.default.svc.cluster.local")));

    JoinConfig join = HazelcastSetup.config(cluster, "10.1.2.3").getNetworkConfig().getJoin();

    assertTrue(join.getKubernetesConfig().isEnabled());
    assertEquals("net-echo-cluster.default.svc.cluster.local", join.getKubernetesConfig().getProperty("service-dns"));
    assertEquals("5702", join.getKubernetesConfig().getProperty("service-port"));
    assertFalse(join.getTcpIpConfig().isEnabled());
    assertFalse(join.getMulticastConfig().isEnabled());
  }

  @Test
  void kubernetesKeepsTheInterfaceAndClusterName() {
    NetEchoConfig.Cluster cluster = cluster(new JsonObject().put("join", "kubernetes").put("name", "echo-prod")
      .put("kubernetes", new JsonObject().put("serviceDns", "net-echo-cluster")));

    Config config = HazelcastSetup.config(cluster, "10.1.2.3");

    assertEquals("echo-prod", config.getClusterName());
    assertEquals(List.of("10.1.2.3"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertFalse(config.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled());
  }

  private static NetEchoConfig.Cluster cluster(JsonObject section) {
    return NetEchoConfig.fromJson(new JsonObject().put("cluster", section)).cluster();
  }
}
