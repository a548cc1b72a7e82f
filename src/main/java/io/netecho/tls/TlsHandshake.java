package io.netecho.tls;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * What a client's TLS handshake was, as JSON for the HTTP echo and the info port: protocol, cipher
 * suite, the server name (SNI) it asked for, the ALPN protocols it offered and the one chosen, whether
 * it resumed a session, its certificate chain when it sent one, and its ClientHello's JA3 and JA4
 * fingerprints with the versions, groups and signature algorithms it offered. Null for a connection
 * without TLS.
 */
public final class TlsHandshake {

  private static final HexFormat FINGERPRINT = HexFormat.ofDelimiter(":").withUpperCase();

  private TlsHandshake() {
  }

  /** The handshake of an echo or info port connection; null without TLS. */
  public static JsonObject of(NetSocket socket) {
    if (!socket.isSsl()) {
      return null;
    }
    return of(((NetSocketInternal) socket).channelHandlerContext().channel(), socket.sslSession());
  }

  /** The handshake of the connection that carried this HTTP request; null without TLS. */
  public static JsonObject of(HttpServerRequest request) {
    if (!request.isSSL()) {
      return null;
    }
    // HTTP/1.x connections are Vert.x connections over a Netty channel
    Channel channel = request.connection() instanceof ConnectionBase connection ? connection.channel() : null;
    return of(channel, request.sslSession());
  }

  /** {@code channel} null: what the session alone tells, without the ClientHello. */
  static JsonObject of(Channel channel, SSLSession session) {
    if (session == null) {
      return null;
    }
    GuardedSslHandler tls = channel == null ? null : channel.pipeline().get(GuardedSslHandler.class);
    if (tls == null) {
      return describe(null, session);
    }
    // a copy: the caller puts it into a reply of its own
    return tls.described(() -> describe(tls, session)).copy();
  }

  private static JsonObject describe(GuardedSslHandler tls, SSLSession session) {
    ClientHello hello = tls == null ? null : tls.clientHello();
    String chosen = tls == null ? null : tls.applicationProtocol();
    return new JsonObject()
      .put("protocol", session.getProtocol())
      .put("cipherSuite", session.getCipherSuite())
      .put("serverName", hello == null ? null : hello.serverName())
      .put("alpnOffered", hello == null ? null : new JsonArray(hello.alpn()))
      .put("alpnChosen", chosen == null || chosen.isEmpty() ? null : chosen)
      .put("resumed", hello != null && resumed(session, hello, tls.helloMillis()))
      .put("clientCertificate", clientCertificate(session))
      .put("clientHello", hello == null ? null : clientHello(hello));
  }

  /** The ClientHello's fingerprints, and the versions, groups and signature algorithms it offered. */
  static JsonObject clientHello(ClientHello hello) {
    return new JsonObject()
      .put("ja3", Fingerprints.ja3(hello))
      .put("ja3Text", Fingerprints.ja3Text(hello))
      .put("ja4", Fingerprints.ja4(hello))
      .put("versions", new JsonArray(Fingerprints.versions(hello)))
      .put("groups", new JsonArray(Fingerprints.groups(hello)))
      .put("signatureAlgorithms", new JsonArray(Fingerprints.signatureAlgorithms(hello)));
  }

  /**
   * TLS 1.2: the server accepted the session the client named (RFC 5246 7.4.1.3; with a ticket too,
   * RFC 5077 3.4). TLS 1.3: the client offered a pre-shared key and the session is older than this
   * connection's ClientHello (the JDK keeps the resumed session's creation time).
   */
  static boolean resumed(SSLSession session, ClientHello hello, long helloMillis) {
    if ("TLSv1.3".equals(session.getProtocol())) {
      return hello.offersPreSharedKey() && session.getCreationTime() < helloMillis;
    }
    return hello.sessionId().length > 0 && Arrays.equals(hello.sessionId(), session.getId());
  }

  /**
   * The chain the client sent, leaf first; null when it sent none. The handshake fails on a chain that
   * does not lead to a CA of {@code tls.caPath}, so a connection that has one is verified.
   */
  private static JsonObject clientCertificate(SSLSession session) {
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException none) {
      return null;
    }
    JsonArray certificates = new JsonArray();
    for (Certificate certificate : chain) {
      if (certificate instanceof X509Certificate x509) {
        certificates.add(describe(x509));
      }
    }
    return new JsonObject().put("verified", true).put("chain", certificates);
  }

  static JsonObject describe(X509Certificate certificate) {
    return new JsonObject()
      .put("subject", certificate.getSubjectX500Principal().getName())
      .put("issuer", certificate.getIssuerX500Principal().getName())
      .put("subjectAltNames", new JsonArray(alternativeNames(certificate)))
      .put("serial", certificate.getSerialNumber().toString(16))
      .put("notBefore", certificate.getNotBefore().toInstant().toString())
      .put("notAfter", certificate.getNotAfter().toInstant().toString())
      .put("sha256", fingerprint(certificate));
  }

  /** {@code DNS:name}, {@code IP:address}, {@code email:…}, {@code URI:…}, as openssl prints them. */
  private static List<String> alternativeNames(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (names == null) {
      return List.of();
    }
    return names.stream().map(name -> {
      String kind = switch ((Integer) name.get(0)) {
        case 0 -> "othername";
        case 1 -> "email";
        case 2 -> "DNS";
        case 4 -> "DirName";
        case 6 -> "URI";
        case 7 -> "IP";
        case 8 -> "RID";
        default -> "other";
      };
      // the JDK gives the kinds it does not decode as DER bytes
      return kind + ":" + (name.get(1) instanceof String text ? text : "<unsupported>");
    }).toList();
  }

  /** Colon-separated upper-case hex, as {@code openssl x509 -fingerprint -sha256} prints it. */
  private static String fingerprint(X509Certificate certificate) {
    try {
      return FINGERPRINT.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      return null;
    }
  }
}
