package io.netecho.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Self-signed PEM pairs made at test time, with no openssl: Vert.x's {@link SelfSignedCertificate}
 * (Netty's generator, which on a plain JDK runs the JDK's {@code keytool}).
 */
public final class TestCertificates {

  /** A certificate and its key, as PEM files. */
  public record Pair(Path cert, Path key) {

    /** The {@code tls} config section that serves this pair. */
    public JsonObject tlsConfig() {
      return new JsonObject().put("enabled", true).put("certPath", cert.toString()).put("keyPath", key.toString());
    }

    /** Copies this pair over {@code target}'s files, as a certificate rotation does. */
    public void copyOver(Pair target) throws Exception {
      Files.copy(cert, target.cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(key, target.key, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A TLS context whose only trusted certificate is this one, optionally presenting a client pair. */
    public SSLContext trustedBy(Vertx vertx, Pair clientIdentity) throws Exception {
      KeyManager[] keys = clientIdentity == null ? null : new PemKeyCertOptions()
        .setCertPath(clientIdentity.cert.toString()).setKeyPath(clientIdentity.key.toString())
        .getKeyManagerFactory(vertx).getKeyManagers();
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new PemTrustOptions().addCertPath(cert.toString()).getTrustManagerFactory(vertx)
        .getTrustManagers(), null);
      return context;
    }

    public SSLContext trustedBy(Vertx vertx) throws Exception {
      return trustedBy(vertx, null);
    }
  }

  /** Generating takes about a second (keytool), so each named pair is made once per test run. */
  private static final Map<String, Pair> SHARED = new ConcurrentHashMap<>();

  private TestCertificates() {
  }

  /** The run's pair of this name; read it, never change it ({@link #copy} one to change). */
  public static Pair shared(String name) {
    return SHARED.computeIfAbsent(name, TestCertificates::generate);
  }

  /** A copy of the shared pair {@code name} in {@code dir}, free to overwrite. */
  public static Pair copy(String name, Path dir) throws Exception {
    Pair pair = new Pair(dir.resolve(name + ".cert.pem"), dir.resolve(name + ".key.pem"));
    shared(name).copyOver(pair);
    return pair;
  }

  private static Pair generate(String name) {
    SelfSignedCertificate generated = SelfSignedCertificate.create("localhost");
    try {
      Path dir = Files.createTempDirectory("net-echo-certs");
      Pair pair = new Pair(dir.resolve(name + ".cert.pem"), dir.resolve(name + ".key.pem"));
      Files.move(Path.of(generated.certificatePath()), pair.cert);
      Files.move(Path.of(generated.privateKeyPath()), pair.key);
      // deleted in reverse order: the files, then the folder
      for (Path file : new Path[] {dir, pair.cert, pair.key}) {
        file.toFile().deleteOnExit();
      }
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
