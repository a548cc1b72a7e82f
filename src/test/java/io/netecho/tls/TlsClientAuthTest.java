package io.netecho.tls;

import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code tls.clientAuth} with {@code tls.caPath}: which clients get an echo. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TlsClientAuthTest {

  private static final String PREFIX = "Repeating: ";

  private final TestCertificates.Pair server = TestCertificates.shared("server");
  private final TestCertificates.Pair client = TestCertificates.shared("client");
  private final TestCertificates.Pair stranger = TestCertificates.shared("other");

  private int deploy(Vertx vertx, String clientAuth) {
    JsonObject tls = server.tlsConfig().put("clientAuth", clientAuth).put("caPath", client.cert().toString());
    return EchoServers.deploy(vertx, new JsonObject().put("tls", tls)).await();
  }

  private static String echo(TlsClient tls, String text) throws IOException {
    return new String(tls.send(text).read(PREFIX.length() + text.length()), StandardCharsets.UTF_8);
  }

  @Test
  void clientAuthRequiredRejectsAClientWithoutACertificate(Vertx vertx) throws Exception {
    int port = deploy(vertx, "required");
    try (LogCapture log = LogCapture.of(TlsServer.class)) {
      // TLS 1.3 finishes the client's side of the handshake first; the refusal comes with the first read
      assertThrows(IOException.class, () -> {
        try (TlsClient anonymous = new TlsClient(server.trustedBy(vertx), port)) {
          echo(anonymous, "hi");
        }
      });
      log.next(line -> line.startsWith("TLS handshake failed:")).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void clientAuthRequiredRejectsACertificateTheCaDidNotIssue(Vertx vertx) throws Exception {
    int port = deploy(vertx, "required");
    assertThrows(IOException.class, () -> {
      try (TlsClient unknown = new TlsClient(server.trustedBy(vertx, stranger), port)) {
        echo(unknown, "hi");
      }
    });
  }

  @Test
  void clientAuthRequiredServesAClientWithATrustedCertificate(Vertx vertx) throws Exception {
    int port = deploy(vertx, "required");
    try (TlsClient known = new TlsClient(server.trustedBy(vertx, client), port)) {
      assertEquals(PREFIX + "hi", echo(known, "hi"));
    }
  }

  @Test
  void clientAuthRequestServesAClientWithoutACertificate(Vertx vertx) throws Exception {
    int port = deploy(vertx, "request");
    try (TlsClient anonymous = new TlsClient(server.trustedBy(vertx), port)) {
      assertEquals(PREFIX + "hi", echo(anonymous, "hi"));
    }
  }
}
