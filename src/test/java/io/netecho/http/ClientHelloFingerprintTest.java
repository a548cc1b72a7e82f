package io.netecho.http;

import io.netecho.testing.Commands;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each TLS client's ClientHello, as sent: its JA3 and JA4, and the versions, groups and signature algorithms it offered. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ClientHelloFingerprintTest {

  private static final String JA4 = "t13d\\d{4}h2_[0-9a-f]{12}_[0-9a-f]{12}";

  private final TestCertificates.Pair server = TestCertificates.shared("server");
  private Process openssl;

  @AfterEach
  void stopOpenssl() {
    if (openssl != null) {
      openssl.destroyForcibly();
    }
  }

  private HttpEchoServer deploy(Vertx vertx) {
    return HttpEchoServer.deploy(vertx, new JsonObject().put("tls", server.tlsConfig())
      .put("info", new JsonObject().put("enabled", true).put("port", 0)));
  }

  @Test
  void theInfoPortFingerprintsAnOpensslClient(Vertx vertx) throws Exception {
    assumeTrue(Commands.onPath("openssl"), "openssl is not installed");
    int port = deploy(vertx).infoPort();
    openssl = new ProcessBuilder("openssl", "s_client", "-quiet", "-tls1_3", "-connect", "127.0.0.1:" + port,
      "-servername", "echo.example.test", "-alpn", "h2,http/1.1", "-groups", "X25519:P-256",
      "-sigalgs", "ECDSA+SHA256:RSA-PSS+SHA256", "-ciphersuites", "TLS_AES_128_GCM_SHA256",
      "-CAfile", server.cert().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    openssl.getOutputStream().close();
    String line = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(openssl.waitFor(10, TimeUnit.SECONDS));
    JsonObject hello = new JsonObject(line).getJsonObject("tls").getJsonObject("clientHello");

    assertEquals(new JsonArray().add("TLSv1.3"), hello.getJsonArray("versions"));
    assertEquals(new JsonArray().add("x25519").add("secp256r1"), hello.getJsonArray("groups"));
    assertEquals(new JsonArray().add("ecdsa_secp256r1_sha256").add("rsa_pss_rsae_sha256"),
      hello.getJsonArray("signatureAlgorithms"));
    String ja3 = hello.getString("ja3Text");
    // the legacy version, then TLS_AES_128_GCM_SHA256 first; the groups x25519 and secp256r1
    assertTrue(ja3.startsWith("771,4865"), ja3);
    assertEquals("29-23", ja3.split(",")[3], ja3);
    assertEquals(md5(ja3), hello.getString("ja3"));
    assertTrue(hello.getString("ja4").matches(JA4), hello.getString("ja4"));
    // JA4 counts what JA3 lists (without GREASE, which openssl does not send)
    assertEquals(String.format("t13d%02d%02dh2", ja3.split(",")[1].split("-").length, ja3.split(",")[2].split("-").length),
      hello.getString("ja4").substring(0, 10));
  }

  @Test
  void theHttpEchoFingerprintsAJdkClient(Vertx vertx) throws Exception {
    int port = deploy(vertx).httpPort();
    try (Socket tcp = ClientInfoTest.connect(port);
         SSLSocket tls = (SSLSocket) server.trustedBy(vertx).getSocketFactory().createSocket(tcp, "localhost", port, true)) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      // http/1.1 alone: offered h2, the HTTP port would speak HTTP/2
      parameters.setApplicationProtocols(new String[] {"http/1.1"});
      parameters.setServerNames(List.of(new SNIHostName("echo.example.test")));
      tls.setSSLParameters(parameters);
      tls.getOutputStream().write("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      JsonObject hello = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getJsonObject("tls")
        .getJsonObject("clientHello");

      assertEquals(new JsonArray().add("TLSv1.3").add("TLSv1.2"), hello.getJsonArray("versions"));
      assertTrue(hello.getJsonArray("groups").contains("secp256r1"), hello.encode());
      assertTrue(hello.getJsonArray("signatureAlgorithms").contains("ecdsa_secp256r1_sha256"), hello.encode());
      assertTrue(hello.getString("ja4").matches(JA4.replace("h2", "h1")), hello.getString("ja4"));
      assertEquals(md5(hello.getString("ja3Text")), hello.getString("ja3"));
    }
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.US_ASCII)));
  }
}
