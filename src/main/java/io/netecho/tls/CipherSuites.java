package io.netecho.tls;

import io.netecho.config.StartupException;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code tls.ciphers}: the cipher suites the echo port offers, in preference order. By default only
 * forward-secret (ECDHE) AEAD suites for TLS 1.2, the set Mozilla's "intermediate" profile keeps, and
 * TLS 1.3's own suites (all AEAD and forward-secret by design). A configured list replaces the TLS 1.2
 * part; TLS 1.3's suites are added unless it names some of them, so TLS 1.3 clients are never left
 * without a suite. Each name must be one the JDK supports (JSSE names).
 */
final class CipherSuites {

  static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256");
  static final List<String> TLS12_DEFAULT = List.of(
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private CipherSuites() {
  }

  /**
   * The suites to enable for {@code configured} (comma-separated JSSE names, or null for the default).
   *
   * @throws StartupException naming the first suite the JDK does not know
   */
  static Set<String> of(String configured) {
    List<String> tls12 = configured == null ? TLS12_DEFAULT
      : Arrays.stream(configured.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    if (tls12.isEmpty()) {
      throw new StartupException("tls.ciphers: \"" + configured + "\" names no cipher suite");
    }
    Set<String> supported = supported();
    for (String suite : tls12) {
      if (!supported.contains(suite)) {
        throw new StartupException("tls.ciphers: \"" + suite + "\" is not a cipher suite this JDK supports "
          + "(JSSE names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
      }
    }
    Set<String> suites = new LinkedHashSet<>();
    if (tls12.stream().noneMatch(TLS13::contains)) {
      suites.addAll(TLS13);
    }
    suites.addAll(tls12);
    return suites;
  }

  private static Set<String> supported() {
    try {
      return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException e) {
      throw new StartupException("TLS is not available in this JDK: " + e.getMessage());
    }
  }
}
