package io.netecho.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import io.netecho.config.StartupException;
import io.netecho.config.NetEchoConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Hazelcast for {@code -cluster}: {@code conf/cluster.xml} (or the copy inside the jar) with the
 * {@code cluster.*} settings filled into its {@code ${netecho.cluster.*}} placeholders, so a node
 * joins only the listed members, only under our cluster name, on the configured interface only.
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
    values.setProperty("netecho.cluster.name", cluster.name());
    values.setProperty("netecho.cluster.members", String.join(",", cluster.members()));
    values.setProperty("netecho.cluster.host", bindHost);
    values.setProperty("netecho.cluster.port", Integer.toString(cluster.port()));
    try (InputStream xml = open()) {
      return new XmlConfigBuilder(xml).setProperties(values).build();
    } catch (IOException | RuntimeException e) {
      throw new StartupException(FILE + ": " + e.getMessage());
    }
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
