package io.netecho.tls;

import io.netecho.config.StartupException;
import io.netecho.log.OneLine;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A PEM file named by a configuration key, read and parsed with failures worded as one start-up
 * line naming the key and the path (never the content): the echo's TLS files and the cluster's.
 */
public final class PemFile {

  private PemFile() {
  }

  /** The file's bytes; blocking. */
  public static Buffer read(String key, String path) {
    try {
      return Buffer.buffer(Files.readAllBytes(Path.of(path)));
    } catch (NoSuchFileException e) {
      throw problem(key, path, "cannot be read (no such file)");
    } catch (AccessDeniedException e) {
      throw problem(key, path, "cannot be read (permission denied)");
    } catch (IOException | RuntimeException e) {
      throw problem(key, path, "cannot be read (" + OneLine.of(e) + ")");
    }
  }

  /** The certificates in {@code pem}, at least one. */
  public static List<X509Certificate> certificates(String key, String path, Buffer pem) {
    try {
      List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes())).stream()
        .map(X509Certificate.class::cast)
        .toList();
      if (certs.isEmpty()) {
        throw problem(key, path, "holds no PEM certificate");
      }
      return certs;
    } catch (CertificateException e) {
      throw problem(key, path, "holds no PEM certificate (" + OneLine.of(e) + ")");
    }
  }

  /** {@code key: "path" what}. */
  public static StartupException problem(String key, String path, String what) {
    return new StartupException(key + ": \"" + path + "\" " + what);
  }
}
