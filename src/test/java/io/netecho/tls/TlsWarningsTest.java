package io.netecho.tls;

import io.netecho.testing.LogCapture;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A certificate close to its expiry (14 days), or past it, is warned about; the clock is the test's. */
class TlsWarningsTest {

  private static X509Certificate leaf;
  private static Instant notAfter;

  private LogCapture log;

  @BeforeAll
  static void certificate() throws Exception {
    SelfSignedCertificate generated = SelfSignedCertificate.create("localhost");
    try (InputStream pem = Files.newInputStream(Path.of(generated.certificatePath()))) {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
    }
    notAfter = leaf.getNotAfter().toInstant();
  }

  @BeforeEach
  void capture() {
    log = LogCapture.of(TlsServer.class);
  }

  @AfterEach
  void release() {
    log.close();
  }

  private List<String> warnings(Instant now) {
    TlsWarnings.checkExpiry(leaf, "cert.pem", now);
    return log.texts(line -> true);
  }

  @Test
  void aCertificateExpiringWithinFourteenDaysIsWarnedAbout() {
    List<String> warnings = warnings(notAfter.minus(Duration.ofDays(3)).minusSeconds(60));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("tls.certPath: the certificate CN=localhost in \"cert.pem\" expires in 3 days"),
      warnings.get(0));
  }

  @Test
  void anExpiredCertificateIsWarnedAbout() {
    List<String> warnings = warnings(notAfter.plus(Duration.ofDays(1)));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("expired on " + notAfter), warnings.get(0));
  }

  @Test
  void aCertificateValidForLongerIsNot() {
    assertEquals(List.of(), warnings(notAfter.minus(Duration.ofDays(15))));
  }
}
