package io.netecho.stats;

import io.netecho.testing.NodeTest;
import io.netecho.testing.PrometheusText;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netecho_tls_certificate_expiry_seconds}: the seconds left to the served certificate. */
@Timeout(60)
class TlsMetricsTest extends NodeTest {

  @Test
  void theGaugeCountsTheSecondsToTheCertificatesExpiry() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    Instant notAfter;
    try (InputStream pem = Files.newInputStream(Path.of(certificate.certificatePath()))) {
      notAfter = ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem))
        .getNotAfter().toInstant();
    }
    node = RunningNode.start(new JsonObject().put("tls", new JsonObject().put("enabled", true)
      .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath())));
    Map<String, Double> samples = PrometheusText.parse(node.get("/metrics").body());
    double seconds = samples.get("netecho_tls_certificate_expiry_seconds");
    double expected = notAfter.getEpochSecond() - Instant.now().getEpochSecond();
    assertTrue(Math.abs(seconds - expected) < 60, seconds + " s, expected about " + expected);
  }

  @Test
  void withoutTlsThereIsNoGauge() throws Exception {
    node = RunningNode.start(new JsonObject());
    Map<String, Double> samples = PrometheusText.parse(node.get("/metrics").body());
    assertNull(samples.get("netecho_tls_certificate_expiry_seconds"));
  }
}
