package io.netecho.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.netecho.config.StartupException;
import io.netecho.config.ConfigKeys;
import io.netecho.config.NetEchoConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Hazelcast for {@code -cluster}: {@code conf/cluster.xml} (or the copy inside the jar) with the
 * {@code cluster.*} settings filled into its {@code ${netecho.cluster.*}} placeholders, so a node
 * joins only the listed members (or, with {@code cluster.join=kubernetes}, the pods behind one headless
 * Service), only under our cluster name, on the configured interface only.
 */
public final class HazelcastSetup {

  static final String FILE = "conf/cluster.xml";

  private HazelcastSetup() {
  }

  public static NetEchoClusterManager clusterManager(NetEchoConfig.Cluster cluster, String bindHost) {
    return new NetEchoClusterManager(config(cluster, bindHost));
  }

  static Config config(NetEchoConfig.Cluster cluster, String bindHost) {
    Properties values = new Properties();
    values.setProperty(ConfigKeys.CLUSTER_NAME.systemProperty(), cluster.name());
    values.setProperty(ConfigKeys.CLUSTER_MEMBERS.systemProperty(), String.join(",", cluster.members()));
    values.setProperty(ConfigKeys.CLUSTER_HOST.systemProperty(), bindHost);
    values.setProperty(ConfigKeys.CLUSTER_PORT.systemProperty(), Integer.toString(cluster.port()));
    Config config;
    try (InputStream xml = open()) {
      config = new XmlConfigBuilder(xml).setProperties(values).build();
    } catch (IOException | RuntimeException e) {
      throw new StartupException(FILE + ": " + e.getMessage());
    }
    if (cluster.join().method() == NetEchoConfig.Join.Method.KUBERNETES) {
      joinByKubernetesDns(config.getNetworkConfig().getJoin(), cluster);
    }
    return config;
  }

  /**
   * {@code cluster.join=kubernetes}: Hazelcast's built-in Kubernetes discovery in its DNS lookup mode,
   * which needs no access to the Kubernetes API (no RBAC), only a headless Service whose DNS name
   * resolves to the pods' addresses; each is tried on {@code cluster.port}. The member list is off.
   */
  private static void joinByKubernetesDns(JoinConfig join, NetEchoConfig.Cluster cluster) {
    join.getTcpIpConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(true)
      .setProperty("service-dns", cluster.join().kubernetesServiceDns())
      .setProperty("service-port", Integer.toString(cluster.port()));
  }

  private static InputStream open() throws IOException {
    Path file = Path.of(FILE);
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    InputStream packaged = HazelcastSetup.class.getClassLoader().getResourceAsStream(FILE);
    if (packaged == null) {
      throw new IOException("not found in the working directory nor in the jar");
    }
    return packaged;
  }
}
