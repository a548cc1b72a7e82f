package io.netecho.stats;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gauge {@code netecho_tls_certificate_expiry_seconds}: seconds until the echo port's TLS
 * certificate expires (negative once it has), for an alert well before clients start failing. It
 * exists once a certificate is served; a reload updates it.
 */
public final class CertificateExpiry {

  private final MeterRegistry registry;
  private final AtomicBoolean registered = new AtomicBoolean();
  private volatile Instant notAfter;

  public CertificateExpiry(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The certificate now served is valid until {@code notAfter}. */
  public void served(Instant notAfter) {
    this.notAfter = notAfter;
    if (registered.compareAndSet(false, true)) {
      Gauge.builder("netecho.tls.certificate.expiry", this, CertificateExpiry::secondsLeft)
        .description("Seconds until the TLS certificate of the echo port expires")
        .baseUnit("seconds")
        .register(registry);
    }
  }

  private double secondsLeft() {
    Instant until = notAfter;
    return until == null ? Double.NaN : until.getEpochSecond() - Instant.now().getEpochSecond();
  }
}
