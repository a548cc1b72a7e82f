package io.netecho.cluster;

import io.netecho.config.StartupException;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may start a clustered event bus, and how: TLS off only on loopback or when asked for. */
class ClusterSecurityTest {

  private static final NetEchoConfig.ClusterTls NONE = new NetEchoConfig.ClusterTls(null, null, null, false);

  @Test
  void anOpenEventBusOnANonLoopbackHostIsRefusedWithOneLineSayingHowToFixIt() {
    StartupException refused = assertThrows(StartupException.class,
      () -> ClusterSecurity.apply(NONE, "192.0.2.10", new EventBusOptions()));
    assertEquals("cluster.host 192.0.2.10 is not a loopback address and the event bus would be open to anyone who "
      + "reaches it: set cluster.tls.certPath, cluster.tls.keyPath and cluster.tls.caPath (scripts/gen-cert "
      + "--cluster-ca makes them), or set cluster.insecure=true to run it unprotected", refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"));
  }

  @Test
  void theWildcardAddressIsNotLoopback() {
    assertThrows(StartupException.class, () -> ClusterSecurity.apply(NONE, "0.0.0.0", new EventBusOptions()));
  }

  @Test
  void anOpenEventBusOnLoopbackStarts() {
    for (String host : new String[] {"127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"}) {
      EventBusOptions options = new EventBusOptions();
      ClusterSecurity.apply(NONE, host, options);
      assertFalse(options.isSsl(), host);
    }
  }

  @Test
  void clusterInsecureAllowsAnOpenEventBusAnywhere() {
    EventBusOptions options = new EventBusOptions();
    ClusterSecurity.apply(new NetEchoConfig.ClusterTls(null, null, null, true), "192.0.2.10", options);
    assertFalse(options.isSsl());
  }

  @Test
  void theThreeFilesGoTogether() {
    StartupException refused = assertThrows(StartupException.class, () -> ClusterSecurity.apply(
      new NetEchoConfig.ClusterTls("node.pem", "node-key.pem", null, false), "127.0.0.1", new EventBusOptions()));
    assertTrue(refused.getMessage().startsWith("cluster.tls."), refused.getMessage());
  }

  @Test
  void aMissingFileIsNamedWithItsKey() {
    StartupException refused = assertThrows(StartupException.class, () -> ClusterSecurity.apply(
      new NetEchoConfig.ClusterTls("/no/such/node.pem", "/no/such/key.pem", "/no/such/ca.pem", false), "127.0.0.1",
      new EventBusOptions()));
    assertEquals("cluster.tls.certPath: \"/no/such/node.pem\" cannot be read (no such file)", refused.getMessage());
  }

  @Test
  void aCertificateTheCaDidNotSignIsRefused() {
    SelfSignedCertificate node = SelfSignedCertificate.create("node");
    SelfSignedCertificate otherCa = SelfSignedCertificate.create("other");
    StartupException refused = assertThrows(StartupException.class, () -> ClusterSecurity.apply(
      new NetEchoConfig.ClusterTls(node.certificatePath(), node.privateKeyPath(), otherCa.certificatePath(), false),
      "192.0.2.10", new EventBusOptions()));
    assertTrue(refused.getMessage().contains("is not signed by the CA in cluster.tls.caPath"), refused.getMessage());
  }

  @Test
  void withTheFilesTheEventBusRequiresTlsBothWays() {
    // a self-signed certificate is its own CA
    SelfSignedCertificate node = SelfSignedCertificate.create("node");
    EventBusOptions options = new EventBusOptions();
    ClusterSecurity.apply(new NetEchoConfig.ClusterTls(node.certificatePath(), node.privateKeyPath(),
      node.certificatePath(), false), "192.0.2.10", options);
    assertTrue(options.isSsl());
    assertEquals(ClientAuth.REQUIRED, options.getClientAuth());
  }
}
