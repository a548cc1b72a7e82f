package io.netecho.cluster;

import io.netecho.tls.PemFile;
import io.netecho.config.StartupException;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import static io.netecho.config.ConfigKeys.CLUSTER_TLS_CA_PATH;
import static io.netecho.config.ConfigKeys.CLUSTER_TLS_CERT_PATH;
import static io.netecho.config.ConfigKeys.CLUSTER_TLS_KEY_PATH;

/**
 * Who may talk on the clustered event bus. With {@code cluster.tls.*} the event bus runs TLS with
 * client authentication both ways: a node connects to, and accepts, only nodes whose certificate the
 * cluster CA signed; a node without one can neither send nor receive. Without it, any host that
 * reaches the event-bus port can publish and read {@code netecho.events}, so a clustered start on a
 * non-loopback {@code cluster.host} is refused unless {@code cluster.insecure=true} says so.
 *
 * <p>This protects the event bus only. Hazelcast's own member port (open-source edition) has no
 * member authentication: whoever reaches it can join and read the cluster's data structures. It
 * must stay on a private network (docs/security.md).
 */
public final class ClusterSecurity {

  private ClusterSecurity() {
  }

  /**
   * Sets event-bus TLS on {@code options} when {@code cluster.tls.*} is configured, after reading and
   * checking the files; blocking, for the launcher before Vert.x starts.
   *
   * @throws StartupException one line naming the key to fix: a file missing or unusable, a
   *     certificate the CA did not sign, or an open event bus on a non-loopback {@code host}
   */
  public static void apply(NetEchoConfig.ClusterTls tls, String host, EventBusOptions options) {
    if (!tls.configured()) {
      if (!tls.insecure() && !isLoopback(host)) {
        throw new StartupException("cluster.host " + host + " is not a loopback address and the event bus would be "
          + "open to anyone who reaches it: set cluster.tls.certPath, cluster.tls.keyPath and cluster.tls.caPath "
          + "(scripts/gen-cert --cluster-ca makes them), or set cluster.insecure=true to run it unprotected");
      }
      return;
    }
    Buffer cert = read(CLUSTER_TLS_CERT_PATH.path(), tls.certPath());
    Buffer key = read(CLUSTER_TLS_KEY_PATH.path(), tls.keyPath());
    Buffer ca = read(CLUSTER_TLS_CA_PATH.path(), tls.caPath());
    X509Certificate node = PemFile.certificates(CLUSTER_TLS_CERT_PATH.path(), tls.certPath(), cert).get(0);
    List<X509Certificate> authorities = PemFile.certificates(CLUSTER_TLS_CA_PATH.path(), tls.caPath(), ca);
    if (authorities.stream().noneMatch(authority -> signs(authority, node))) {
      throw new StartupException("cluster.tls.certPath: \"" + tls.certPath() + "\" is not signed by the CA in "
        + "cluster.tls.caPath \"" + tls.caPath() + "\": the other nodes would refuse this one");
    }
    options.setSsl(true)
      .setKeyCertOptions(new PemKeyCertOptions().setCertValue(cert).setKeyValue(key))
      .setTrustOptions(new PemTrustOptions().addCertValue(ca))
      .setClientAuth(ClientAuth.REQUIRED);
  }

  /** Loopback: a loopback IP literal, or a name that resolves to one. Unresolvable counts as not loopback. */
  static boolean isLoopback(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      InetAddress[] addresses = InetAddress.getAllByName(bare);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Buffer read(String key, String path) {
    if (path == null) {
      throw new StartupException(key + " must be set: cluster.tls.certPath, cluster.tls.keyPath and "
        + "cluster.tls.caPath go together");
    }
    return PemFile.read(key, path);
  }

  private static boolean signs(X509Certificate authority, X509Certificate node) {
    try {
      node.verify(authority.getPublicKey());
      return authority.getSubjectX500Principal().equals(node.getIssuerX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

}
