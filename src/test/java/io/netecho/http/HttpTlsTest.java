package io.netecho.http;

import io.netecho.testing.LogCapture;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code tls.enabled} the HTTP port, its WebSocket echo and the info port serve the echo's certificate. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class HttpTlsTest {

  private static SelfSignedCertificate certificate;

  private WebSocketClient client;

  @BeforeAll
  static void makeCertificate() {
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close().await();
    }
  }

  private static HttpEchoServer deploy(Vertx vertx) {
    return HttpEchoServer.deploy(vertx, new JsonObject()
      .put("tls", new JsonObject().put("enabled", true)
        .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath()))
      .put("info", new JsonObject().put("enabled", true).put("port", 0)));
  }

  private static SSLContext trusting(Vertx vertx) throws Exception {
    return trusting(vertx, certificate);
  }

  private static SSLContext trusting(Vertx vertx, SelfSignedCertificate trusted) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new PemTrustOptions().addCertPath(trusted.certificatePath()).getTrustManagerFactory(vertx)
      .getTrustManagers(), null);
    return context;
  }

  @Test
  void replacedCertificateFilesAreServedOnTheHttpPortToo(Vertx vertx, @TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.copy(Path.of(certificate.certificatePath()), cert);
    Files.copy(Path.of(certificate.privateKeyPath()), key);
    int port = HttpEchoServer.deploy(vertx, new JsonObject().put("tls", new JsonObject().put("enabled", true)
      .put("certPath", cert.toString()).put("keyPath", key.toString()).put("reloadSeconds", 1))).httpPort();
    SelfSignedCertificate next = SelfSignedCertificate.create("localhost");
    try (LogCapture log = LogCapture.ofAll()) {
      Files.copy(Path.of(next.certificatePath()), cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(Path.of(next.privateKeyPath()), key, StandardCopyOption.REPLACE_EXISTING);
      log.await(line -> line.startsWith("reloaded TLS certificate"));
    }

    try (Socket tcp = ClientInfoTest.connect(port);
         SSLSocket tls = (SSLSocket) trusting(vertx, next).getSocketFactory().createSocket(tcp, "localhost", port, true)) {
      tls.startHandshake();
      assertEquals(tls.getSession().getPeerCertificates()[0],
        CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(Path.of(next.certificatePath()))));
    }
  }

  @Test
  void aWebSocketOverTlsEchoesItsMessages(Vertx vertx) {
    int port = deploy(vertx).httpPort();
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(false)
      .setTrustOptions(new PemTrustOptions().addCertPath(certificate.certificatePath())));
    WebSocket socket = client.connect(port, "127.0.0.1", "/ws").await();
    Promise<String> reply = Promise.promise();
    socket.textMessageHandler(reply::tryComplete);

    socket.writeTextMessage("secret");

    assertEquals("Repeating: secret", reply.future().await());
    assertTrue(socket.isSsl());
  }

  @Test
  void getInfoOverTlsNamesTheProtocolAndCipher(Vertx vertx) throws Exception {
    int port = deploy(vertx).httpPort();
    try (Socket tcp = ClientInfoTest.connect(port);
         SSLSocket tls = (SSLSocket) trusting(vertx).getSocketFactory().createSocket(tcp, "localhost", port, true)) {
      tls.getOutputStream().write("GET /info HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      JsonObject info = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));

      assertEquals(tls.getSession().getProtocol(), info.getString("tlsProtocol"));
      assertEquals(tls.getSession().getCipherSuite(), info.getString("tlsCipher"));
    }
  }

  @Test
  void theInfoPortOverTlsNamesTheProtocolAndCipher(Vertx vertx) throws Exception {
    int port = deploy(vertx).infoPort();
    try (Socket tcp = ClientInfoTest.connect(port);
         SSLSocket tls = (SSLSocket) trusting(vertx).getSocketFactory().createSocket(tcp, "localhost", port, true)) {
      JsonObject info = new JsonObject(new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

      assertNotNull(info.getString("tlsProtocol"));
      assertEquals(tls.getSession().getProtocol(), info.getString("tlsProtocol"));
      assertEquals(tls.getSession().getCipherSuite(), info.getString("tlsCipher"));
      assertEquals(tcp.getLocalPort(), info.getInteger("port"));
    }
  }
}
