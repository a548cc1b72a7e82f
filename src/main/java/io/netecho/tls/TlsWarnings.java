package io.netecho.tls;

import io.netecho.config.NetEchoConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What is worth a warning about TLS files that work: a private key others than its owner may read
 * (POSIX permissions; skipped on file systems without them), and a certificate that expires within
 * {@value #EXPIRY_WARNING_DAYS} days or has expired. Checked when a certificate starts being served
 * (at start, on reload). Blocking (file attributes): off the event loop.
 */
final class TlsWarnings {

  static final int EXPIRY_WARNING_DAYS = 14;

  private static final Logger LOG = LoggerFactory.getLogger(TlsServer.class);
  private static final Set<PosixFilePermission> NOT_FOR_OTHERS = EnumSet.of(
    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private TlsWarnings() {
  }

  static void check(NetEchoConfig.Tls tls, TlsFiles files) {
    checkKeyPermissions(tls.keyPath());
    checkExpiry(files.leaf(), tls.certPath(), Instant.now());
  }

  static void checkKeyPermissions(String keyPath) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(Path.of(keyPath));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system (or gone since it was read): nothing to check
      return;
    }
    if (permissions.stream().anyMatch(NOT_FOR_OTHERS::contains)) {
      LOG.warn("tls.keyPath: \"{}\" can be read or written by others than its owner ({}): chmod 600 it",
        keyPath, PosixFilePermissions.toString(permissions));
    }
  }

  static void checkExpiry(X509Certificate leaf, String certPath, Instant now) {
    Instant notAfter = leaf.getNotAfter().toInstant();
    String subject = leaf.getSubjectX500Principal().getName();
    if (notAfter.isBefore(now)) {
      LOG.warn("tls.certPath: the certificate {} in \"{}\" expired on {}: clients will refuse it", subject, certPath,
        notAfter);
    } else if (notAfter.isBefore(now.plus(Duration.ofDays(EXPIRY_WARNING_DAYS)))) {
      LOG.warn("tls.certPath: the certificate {} in \"{}\" expires in {} days, on {}: renew it", subject, certPath,
        Duration.between(now, notAfter).toDays(), notAfter);
    }
  }
}
