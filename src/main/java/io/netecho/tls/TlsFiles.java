package io.netecho.tls;

import io.netecho.log.OneLine;
import io.netecho.config.StartupException;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import static io.netecho.config.ConfigKeys.TLS_CA_PATH;
import static io.netecho.config.ConfigKeys.TLS_CERT_PATH;
import static io.netecho.config.ConfigKeys.TLS_KEY_PATH;

/**
 * The PEM files of {@code tls.*}, read and checked together: the certificate parses, the key parses
 * and belongs to it, the CA file parses. Any problem is one line naming the key and the path, so a
 * start (or a reload) fails before a client ever sees a broken handshake.
 *
 * <p>The server is given the files' bytes, never their paths, so what was checked is what is served.
 */
final class TlsFiles {

  /** TLS 1.0 and 1.1 are refused (RFC 8996). */
  static final Set<String> PROTOCOLS = new LinkedHashSet<>(List.of("TLSv1.2", "TLSv1.3"));

  private final Buffer cert;
  private final Buffer key;
  private final Buffer ca;
  private final ClientAuth clientAuth;
  private final X509Certificate leaf;
  private final String certPath;
  private final Set<String> cipherSuites;

  private TlsFiles(Buffer cert, Buffer key, Buffer ca, ClientAuth clientAuth, X509Certificate leaf, String certPath,
                   Set<String> cipherSuites) {
    this.cert = cert;
    this.key = key;
    this.ca = ca;
    this.clientAuth = clientAuth;
    this.leaf = leaf;
    this.certPath = certPath;
    this.cipherSuites = cipherSuites;
  }

  /**
   * Reads and checks the files; blocking, so call it off the event loop.
   *
   * @throws StartupException naming the first key whose file is missing, unreadable or unusable
   */
  static TlsFiles read(Vertx vertx, NetEchoConfig.Tls tls, Set<String> cipherSuites) {
    Buffer cert = bytes(TLS_CERT_PATH.path(), tls.certPath(), "tls.enabled is true");
    Buffer key = bytes(TLS_KEY_PATH.path(), tls.keyPath(), "tls.enabled is true");
    boolean askClients = tls.clientAuth() != ClientAuth.NONE;
    Buffer ca = askClients ? bytes(TLS_CA_PATH.path(), tls.caPath(), "tls.clientAuth is " + name(tls.clientAuth())) : null;

    List<X509Certificate> chain = PemFile.certificates(TLS_CERT_PATH.path(), tls.certPath(), cert);
    checkKey(vertx, tls, cert, key, chain.get(0));
    if (ca != null) {
      PemFile.certificates(TLS_CA_PATH.path(), tls.caPath(), ca);
    }
    return new TlsFiles(cert, key, ca, tls.clientAuth(), chain.get(0), tls.certPath(), cipherSuites);
  }

  /** The Vert.x options that serve these files; also what {@code NetServer.updateSSLOptions} takes. */
  ServerSSLOptions sslOptions() {
    ServerSSLOptions options = new ServerSSLOptions()
      .setKeyCertOptions(new PemKeyCertOptions().setCertValue(cert).setKeyValue(key))
      .setClientAuth(clientAuth)
      .setEnabledSecureTransportProtocols(PROTOCOLS);
    cipherSuites.forEach(options::addEnabledCipherSuite);
    if (ca != null) {
      options.setTrustOptions(new PemTrustOptions().addCertValue(ca));
    }
    return options;
  }

  /** The certificate for a log line: subject, expiry and file. */
  String describe() {
    return leaf.getSubjectX500Principal().getName() + " (valid until " + leaf.getNotAfter().toInstant() + ") from "
      + certPath;
  }

  /** The cipher suites served, in preference order ({@link CipherSuites}). */
  Set<String> cipherSuites() {
    return cipherSuites;
  }

  /** The certificate served (the first of the chain). */
  X509Certificate leaf() {
    return leaf;
  }

  /** Same bytes in every file: nothing to reload. */
  boolean sameAs(TlsFiles other) {
    return other != null && cert.equals(other.cert) && key.equals(other.key) && Objects.equals(ca, other.ca);
  }

  private static Buffer bytes(String key, String path, String whenRequired) {
    if (path == null) {
      throw new StartupException(key + " must be set when " + whenRequired);
    }
    return PemFile.read(key, path);
  }

  /** Parses the key as Vert.x will, then proves it belongs to the certificate by a signature. */
  private static void checkKey(Vertx vertx, NetEchoConfig.Tls tls, Buffer cert, Buffer key, X509Certificate leaf) {
    PrivateKey privateKey;
    try {
      KeyManager[] managers = new PemKeyCertOptions().setCertValue(cert).setKeyValue(key)
        .getKeyManagerFactory(vertx).getKeyManagers();
      privateKey = privateKeyFor(managers, leaf.getPublicKey().getAlgorithm());
    } catch (Exception e) {
      throw PemFile.problem(TLS_KEY_PATH.path(), tls.keyPath(), "holds no usable PEM private key (" + OneLine.of(e) + ")");
    }
    if (privateKey == null || !signsFor(privateKey, leaf.getPublicKey())) {
      throw PemFile.problem(TLS_KEY_PATH.path(), tls.keyPath(), "does not belong to the certificate in tls.certPath \""
        + tls.certPath() + "\"");
    }
  }

  private static PrivateKey privateKeyFor(KeyManager[] managers, String algorithm) {
    for (KeyManager manager : managers) {
      if (manager instanceof X509KeyManager x509) {
        String[] aliases = x509.getServerAliases(algorithm, null);
        if (aliases != null && aliases.length > 0) {
          return x509.getPrivateKey(aliases[0]);
        }
      }
    }
    return null;
  }

  private static boolean signsFor(PrivateKey privateKey, PublicKey publicKey) {
    String algorithm = switch (publicKey.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> null;
    };
    if (algorithm == null) {
      // a key type Vert.x cannot load never gets here; any other is left to the handshake
      return true;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }


  private static String name(ClientAuth clientAuth) {
    return clientAuth.name().toLowerCase(Locale.ROOT);
  }
}
