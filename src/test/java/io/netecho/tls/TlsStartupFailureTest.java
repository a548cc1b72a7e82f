package io.netecho.tls;

import io.netecho.config.StartupException;
import io.netecho.testing.EchoServers;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** TLS files that cannot serve stop the start with one line naming the key and the path; nothing listens. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TlsStartupFailureTest {

  @TempDir
  Path dir;

  private final TestCertificates.Pair server = TestCertificates.shared("server");

  private void assertStartFails(Vertx vertx, JsonObject tls, String expectedMessage) {
    Throwable failure = assertThrows(Throwable.class, () -> EchoServers.deploy(vertx, new JsonObject().put("tls", tls)).await());
    assertInstanceOf(StartupException.class, failure);
    assertEquals(expectedMessage, failure.getMessage());
    assertEquals(0, vertx.deploymentIDs().size());
  }

  @Test
  void aMissingCertificateFileFailsTheStartNamingKeyAndPath(Vertx vertx) {
    String missing = dir.resolve("nope.pem").toString();
    assertStartFails(vertx, server.tlsConfig().put("certPath", missing),
      "tls.certPath: \"" + missing + "\" cannot be read (no such file)");
  }

  @Test
  void aMissingKeyFileFailsTheStartNamingKeyAndPath(Vertx vertx) {
    String missing = dir.resolve("nope.key").toString();
    assertStartFails(vertx, server.tlsConfig().put("keyPath", missing),
      "tls.keyPath: \"" + missing + "\" cannot be read (no such file)");
  }

  @Test
  void tlsEnabledWithoutACertificatePathFailsTheStartNamingTheKey(Vertx vertx) {
    assertStartFails(vertx, new JsonObject().put("enabled", true).put("keyPath", server.key().toString()),
      "tls.certPath must be set when tls.enabled is true");
  }

  @Test
  void aFileWithoutACertificateFailsTheStartNamingKeyAndPath(Vertx vertx) throws Exception {
    Path text = Files.writeString(dir.resolve("cert.pem"), "hello\n");
    assertStartFails(vertx, server.tlsConfig().put("certPath", text.toString()),
      "tls.certPath: \"" + text + "\" holds no PEM certificate (No certificate data found)");
  }

  @Test
  void aKeyOfAnotherCertificateFailsTheStartNamingBothPaths(Vertx vertx) {
    String otherKey = TestCertificates.shared("other").key().toString();
    assertStartFails(vertx, server.tlsConfig().put("keyPath", otherKey),
      "tls.keyPath: \"" + otherKey + "\" does not belong to the certificate in tls.certPath \"" + server.cert() + "\"");
  }

  @Test
  void clientAuthWithoutACaPathFailsTheStartNamingTheKey(Vertx vertx) {
    assertStartFails(vertx, server.tlsConfig().put("clientAuth", "required"),
      "tls.caPath must be set when tls.clientAuth is required");
  }
}
