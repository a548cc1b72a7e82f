package io.netecho.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Makes certificates with BouncyCastle's certificate builder, signed with the JDK's own providers (no
 * provider is registered): CAs, and server or client certificates for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, or for another name. EC P-256 keys unless asked for RSA.
 */
final class BadCertificateMaker {

  /** A key pair and its certificate. */
  record Issued(KeyPair keys, X509Certificate certificate) {
  }

  static final String[] LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"};

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Instant now = Instant.now();

  Instant now() {
    return now;
  }

  static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static KeyPair rsaKeys(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  /** A CA valid from a day ago for 30 days, signed by {@code issuer}, or by itself when null. */
  Issued ca(String name, Issued issuer) throws Exception {
    KeyPair keys = ecKeys();
    X509v3CertificateBuilder builder = builder(name, issuer, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new Issued(keys, sign(builder, issuer == null ? keys : issuer.keys()));
  }

  /**
   * An end-entity certificate for {@code names} (DNS names or IP addresses; the first is the CN), for a
   * server or a client, valid from {@code from} to {@code until}, signed by {@code issuer} or by itself.
   */
  Issued leaf(KeyPair keys, Issued issuer, Instant from, Instant until, boolean server, String... names) throws Exception {
    X509v3CertificateBuilder builder = builder(names[0], issuer, keys, from, until);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(Extension.extendedKeyUsage, false,
      new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
    GeneralName[] alternatives = new GeneralName[names.length];
    for (int i = 0; i < names.length; i++) {
      boolean address = names[i].indexOf(':') >= 0 || names[i].chars().allMatch(c -> c == '.' || Character.isDigit(c));
      alternatives[i] = new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
    }
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
    return new Issued(keys, sign(builder, issuer == null ? keys : issuer.keys()));
  }

  private static X509v3CertificateBuilder builder(String name, Issued issuer, KeyPair keys, Instant from, Instant until)
    throws Exception {
    X500Name subject = new X500Name("CN=" + name);
    X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(63, RANDOM).add(BigInteger.ONE),
      Date.from(from), Date.from(until), subject, keys.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
    if (issuer != null) {
      builder.addExtension(Extension.authorityKeyIdentifier, false,
        extensions.createAuthorityKeyIdentifier(issuer.certificate()));
    }
    return builder;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
    String algorithm = "EC".equals(signer.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter().getCertificate(builder.build(
      new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
  }
}
