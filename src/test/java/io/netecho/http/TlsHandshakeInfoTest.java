package io.netecho.http;

import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP echo's JSON and the info port's line say what the client's TLS handshake was: protocol,
 * cipher suite, server name, ALPN, resumption and the client's certificate chain.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class TlsHandshakeInfoTest {

  private static final String SERVER_NAME = "echo.example.test";

  private final TestCertificates.Pair server = TestCertificates.shared("server");
  private final TestCertificates.Pair client = TestCertificates.shared("client");
  private final TestCertificates.Pair stranger = TestCertificates.shared("stranger");

  private HttpEchoServer deploy(Vertx vertx, JsonObject tls) {
    return HttpEchoServer.deploy(vertx, new JsonObject()
      .put("tls", server.tlsConfig().mergeIn(tls))
      .put("info", new JsonObject().put("enabled", true).put("port", 0)));
  }

  private SSLSocket connect(SSLContext context, int port, String protocol, List<String> alpn) throws IOException {
    Socket tcp = ClientInfoTest.connect(port);
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setProtocols(new String[] {protocol});
    parameters.setApplicationProtocols(alpn.toArray(String[]::new));
    // the JDK sends no server name for a name without a dot, such as localhost
    parameters.setServerNames(List.of(new SNIHostName(SERVER_NAME)));
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  /** The info port's one line, parsed; the connection is closed. */
  private JsonObject infoLine(SSLContext context, int port, String protocol) throws IOException {
    try (SSLSocket tls = connect(context, port, protocol, List.of())) {
      return new JsonObject(new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).getJsonObject("tls");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void theHttpEchoSaysWhatTheHandshakeWas(String protocol, Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject()).httpPort();
    try (SSLSocket tls = connect(server.trustedBy(vertx), port, protocol, List.of("http/1.1"))) {
      tls.getOutputStream().write("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      JsonObject handshake = body(tls.getInputStream()).getJsonObject("tls");

      assertEquals(new JsonObject()
        .put("protocol", protocol)
        .put("cipherSuite", tls.getSession().getCipherSuite())
        .put("serverName", SERVER_NAME)
        .put("alpnOffered", new JsonArray().add("http/1.1"))
        .put("alpnChosen", "http/1.1")
        .put("resumed", false)
        .put("clientCertificate", null), withoutFingerprint(handshake));
    }
  }

  @Test
  void thePlainHttpEchoHasNoHandshake(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject()).httpPort();
    try (Socket tcp = ClientInfoTest.connect(port)) {
      tcp.getOutputStream().write("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      JsonObject echo = body(tcp.getInputStream());
      assertTrue(echo.containsKey("tls") && echo.getValue("tls") == null, echo.encode());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void theInfoPortSaysWhenASessionWasResumed(String protocol, Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject()).infoPort();
    // the JDK client offers its cached session to the same host and port
    SSLContext context = server.trustedBy(vertx);

    JsonObject first = infoLine(context, port, protocol);
    JsonObject second = infoLine(context, port, protocol);

    assertEquals(protocol, first.getString("protocol"));
    assertFalse(first.getBoolean("resumed"), first.encode());
    assertTrue(second.getBoolean("resumed"), second.encode());
    assertEquals(SERVER_NAME, second.getString("serverName"));
  }

  @ParameterizedTest(name = "clientAuth {0}")
  @ValueSource(strings = {"required", "request"})
  void theInfoPortDescribesTheClientCertificate(String clientAuth, Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("clientAuth", clientAuth).put("caPath", client.cert().toString()))
      .infoPort();
    X509Certificate sent = certificate(client);

    JsonObject certificate = infoLine(server.trustedBy(vertx, client), port, "TLSv1.3").getJsonObject("clientCertificate");

    assertEquals(new JsonObject().put("verified", true).put("chain", new JsonArray().add(new JsonObject()
      .put("subject", sent.getSubjectX500Principal().getName())
      .put("issuer", sent.getIssuerX500Principal().getName())
      .put("subjectAltNames", new JsonArray())
      .put("serial", sent.getSerialNumber().toString(16))
      .put("notBefore", sent.getNotBefore().toInstant().toString())
      .put("notAfter", sent.getNotAfter().toInstant().toString())
      .put("sha256", HexFormat.ofDelimiter(":").withUpperCase()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(sent.getEncoded()))))), certificate);
    assertEquals("CN=localhost", certificate.getJsonArray("chain").getJsonObject(0).getString("subject"));
  }

  @Test
  void noCertificateIsNoClientCertificate(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("clientAuth", "request").put("caPath", client.cert().toString()))
      .infoPort();
    JsonObject handshake = infoLine(server.trustedBy(vertx), port, "TLSv1.3");
    assertTrue(handshake.containsKey("clientCertificate") && handshake.getValue("clientCertificate") == null,
      handshake.encode());
  }

  /** Why "verified" is always true: with {@code request} too, a certificate that is not from the CA fails the handshake. */
  @Test
  void aCertificateNotFromTheCaIsRefusedEvenWhenOnlyRequested(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("clientAuth", "request").put("caPath", client.cert().toString()))
      .infoPort();
    assertThrows(IOException.class, () -> infoLine(server.trustedBy(vertx, stranger), port, "TLSv1.3"));
  }

  @Test
  void thePlainInfoPortHasNoHandshake(Vertx vertx) throws Exception {
    int port = HttpEchoServer.deploy(vertx, new JsonObject().put("info", new JsonObject().put("enabled", true).put("port", 0)))
      .infoPort();
    try (Socket tcp = ClientInfoTest.connect(port)) {
      JsonObject info = new JsonObject(new String(tcp.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertTrue(info.containsKey("tls") && info.getValue("tls") == null, info.encode());
      assertNull(info.getValue("tlsProtocol"));
    }
  }

  private static JsonObject body(InputStream in) throws IOException {
    String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    return new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  /** The handshake as asserted here: the ClientHello's fingerprint has tests of its own. */
  private static JsonObject withoutFingerprint(JsonObject handshake) {
    JsonObject copy = handshake.copy();
    copy.remove("clientHello");
    return copy;
  }

  private static X509Certificate certificate(TestCertificates.Pair pair) throws Exception {
    try (InputStream in = Files.newInputStream(pair.cert())) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
