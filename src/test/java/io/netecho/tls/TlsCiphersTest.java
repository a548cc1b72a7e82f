package io.netecho.tls;

import io.netecho.config.StartupException;
import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tls.ciphers}: by default TLS 1.2 is served with forward-secret AEAD suites only (ECDHE with
 * AES-GCM or ChaCha20-Poly1305), and TLS 1.3 with its own; a configured list replaces the TLS 1.2 part.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TlsCiphersTest {

  private final TestCertificates.Pair server = TestCertificates.shared("server");

  private int deploy(Vertx vertx, JsonObject tls) {
    return EchoServers.deploy(vertx, new JsonObject().put("tls", server.tlsConfig().mergeIn(tls))).await();
  }

  /** The suite negotiated by a client offering only {@code suites} over {@code protocol}. */
  private String handshake(Vertx vertx, int port, String protocol, String... suites) throws Exception {
    SSLContext context = server.trustedBy(vertx);
    try (Socket tcp = EchoClient.connect(port);
         SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, true)) {
      tls.setSoTimeout(10_000);
      tls.setEnabledProtocols(new String[] {protocol});
      if (suites.length > 0) {
        tls.setEnabledCipherSuites(suites);
      }
      tls.startHandshake();
      return tls.getSession().getCipherSuite();
    }
  }

  @Test
  void byDefaultTls12NegotiatesAnEcdheAeadSuite(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    String suite = handshake(vertx, port, "TLSv1.2");
    assertTrue(suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305")), suite);
  }

  @Test
  void byDefaultACbcSuiteIsRefused(Vertx vertx) {
    int port = deploy(vertx, new JsonObject());
    IOException refused = assertThrows(IOException.class,
      () -> handshake(vertx, port, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"));
    assertInstanceOf(SSLHandshakeException.class, refused);
  }

  @Test
  void byDefaultASuiteWithoutForwardSecrecyIsRefused(Vertx vertx) {
    int port = deploy(vertx, new JsonObject());
    assertThrows(SSLHandshakeException.class, () -> handshake(vertx, port, "TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256"));
  }

  @Test
  void aConfiguredListIsWhatTls12OffersAndTls13KeepsItsOwn(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("ciphers", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", handshake(vertx, port, "TLSv1.2"));
    assertThrows(SSLHandshakeException.class,
      () -> handshake(vertx, port, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    assertTrue(handshake(vertx, port, "TLSv1.3").startsWith("TLS_AES_"));
  }

  @Test
  void anUnknownSuiteStopsTheStartNamingIt(Vertx vertx) {
    Throwable failure = assertThrows(Throwable.class, () -> deploy(vertx, new JsonObject().put("ciphers",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_NO_SUCH_SUITE")));
    assertInstanceOf(StartupException.class, failure);
    assertEquals("tls.ciphers: \"TLS_NO_SUCH_SUITE\" is not a cipher suite this JDK supports "
      + "(JSSE names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)", failure.getMessage());
    assertEquals(0, vertx.deploymentIDs().size());
  }
}
