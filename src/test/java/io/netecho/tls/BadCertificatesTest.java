package io.netecho.tls;

import io.netecho.testing.Commands;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tls.badCertificates}: one HTTPS port per way a certificate can fail, each failing a client
 * that trusts the published root exactly that way, and nothing else wrong with it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class BadCertificatesTest {

  private static final Pattern PORT = Pattern.compile("^bad certificate ([a-z0-9-]+) on port (\\d+): ");
  private static final Pattern ROOT = Pattern.compile("their root CA is (\\S+);");

  private final LogCapture log = LogCapture.of(BadCertificates.class);
  private final Map<String, Integer> ports = new HashMap<>();
  private Path root;
  private String deployment;

  @BeforeEach
  void deploy(Vertx vertx) {
    EchoServers.deploy(vertx, new JsonObject().put("tls", new JsonObject().put("badCertificates", true))).await();
    deployment = vertx.deploymentIDs().iterator().next();
    for (String line : log.texts(text -> PORT.matcher(text).find())) {
      Matcher m = PORT.matcher(line);
      assertTrue(m.find());
      ports.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    List<String> roots = log.texts(text -> ROOT.matcher(text).find());
    assertEquals(1, roots.size(), roots.toString());
    Matcher m = ROOT.matcher(roots.get(0));
    assertTrue(m.find());
    root = Path.of(m.group(1));
  }

  @AfterEach
  void closeLog() {
    log.close();
  }

  private SSLContext trustingRoot(Vertx vertx, boolean withClientCertificate) throws Exception {
    Path folder = root.getParent();
    KeyManager[] keys = withClientCertificate ? new PemKeyCertOptions()
      .setCertPath(folder.resolve("client.pem").toString()).setKeyPath(folder.resolve("client-key.pem").toString())
      .getKeyManagerFactory(vertx).getKeyManagers() : null;
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, new PemTrustOptions().addCertPath(root.toString()).getTrustManagerFactory(vertx).getTrustManagers(),
      null);
    return context;
  }

  /** GET / over TLS to localhost, checking the host name as browsers do; answers the body. */
  private static String get(SSLContext context, int port, List<SSLSocket> opened) throws IOException {
    Socket tcp = new Socket();
    tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    tcp.setSoTimeout(10_000);
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, true);
    opened.add(tls);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII));
    String answer = new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }

  private void failsWith(Vertx vertx, String kind, Class<? extends Exception> cause) throws Exception {
    List<SSLSocket> opened = new java.util.ArrayList<>();
    IOException failure = assertThrows(IOException.class, () -> get(trustingRoot(vertx, false), ports.get(kind), opened));
    assertTrue(causes(failure, cause), kind + ": " + failure);
    for (SSLSocket socket : opened) {
      socket.close();
    }
  }

  private static boolean causes(Throwable failure, Class<? extends Exception> cause) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (cause.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void eachKindHasAPortOfItsOwn() {
    assertEquals(List.of("expired", "not-yet-valid", "wrong-host", "self-signed", "unknown-root", "incomplete-chain",
      "rsa-1024", "client-certificate-required"), log.texts(text -> PORT.matcher(text).find()).stream()
      .map(line -> line.substring("bad certificate ".length(), line.indexOf(" on port"))).toList());
    assertEquals(8, ports.values().stream().distinct().count(), ports.toString());
  }

  @Test
  void theExpiredCertificateFailsAsExpired(Vertx vertx) throws Exception {
    failsWith(vertx, "expired", CertificateExpiredException.class);
  }

  @Test
  void theNotYetValidCertificateFailsAsNotYetValid(Vertx vertx) throws Exception {
    failsWith(vertx, "not-yet-valid", CertificateNotYetValidException.class);
  }

  @Test
  void theWrongHostFailsTheHostNameCheck(Vertx vertx) throws Exception {
    List<SSLSocket> opened = new java.util.ArrayList<>();
    IOException failure = assertThrows(IOException.class,
      () -> get(trustingRoot(vertx, false), ports.get("wrong-host"), opened));
    assertTrue(String.valueOf(failure.getMessage()).contains("No subject alternative DNS name matching localhost"),
      failure.toString());
  }

  @Test
  void selfSignedUnknownRootAndIncompleteChainHaveNoPathToTheRoot(Vertx vertx) throws Exception {
    for (String kind : List.of("self-signed", "unknown-root", "incomplete-chain")) {
      failsWith(vertx, kind, CertPathBuilderException.class);
    }
  }

  /** The JDK still accepts RSA-1024 (openssl, at its default security level, does not): the key is what is wrong. */
  @Test
  void theWeakKeyIsRsa1024AndNothingElseIsWrong(Vertx vertx) throws Exception {
    List<SSLSocket> opened = new java.util.ArrayList<>();
    assertEquals("rsa-1024: the certificate's key is RSA with 1024 bits\n",
      get(trustingRoot(vertx, false), ports.get("rsa-1024"), opened));
    RSAPublicKey key = (RSAPublicKey) opened.get(0).getSession().getPeerCertificates()[0].getPublicKey();
    assertEquals(1024, key.getModulus().bitLength());
    opened.get(0).close();
  }

  @Test
  void opensslRefusesTheWeakKey() throws Exception {
    assumeTrue(Commands.onPath("openssl"), "openssl is not installed");
    Process openssl = new ProcessBuilder("openssl", "s_client", "-brief", "-verify_return_error",
      "-connect", "127.0.0.1:" + ports.get("rsa-1024"), "-CAfile", root.toString())
      .redirectErrorStream(true).start();
    try {
      openssl.getOutputStream().close();
      String printed = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(openssl.waitFor(10, TimeUnit.SECONDS));
      assertTrue(printed.contains("EE certificate key too weak"), printed);
      assertEquals(1, openssl.exitValue(), printed);
    } finally {
      openssl.destroyForcibly();
    }
  }

  @Test
  void theClientCertificatePortRefusesAClientWithoutOne(Vertx vertx) throws Exception {
    List<SSLSocket> opened = new java.util.ArrayList<>();
    assertThrows(IOException.class, () -> get(trustingRoot(vertx, false), ports.get("client-certificate-required"), opened));
    for (SSLSocket socket : opened) {
      socket.close();
    }
  }

  @Test
  void thePublishedClientCertificateIsServedAndNothingElseIsWrong(Vertx vertx) throws Exception {
    List<SSLSocket> opened = new java.util.ArrayList<>();
    assertEquals("client-certificate-required: a client certificate from the published root is required\n",
      get(trustingRoot(vertx, true), ports.get("client-certificate-required"), opened));
    opened.get(0).close();
  }

  @Test
  void theFilesAreOnlyInATemporaryFolderReadableByTheOwnerAndGoneOnStop(Vertx vertx) throws Exception {
    Path folder = root.getParent();
    assertTrue(folder.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), folder.toString());
    try (var files = Files.list(folder)) {
      assertEquals(List.of("client-key.pem", "client.pem", "root.pem"),
        files.map(file -> file.getFileName().toString()).sorted().toList());
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("client-key.pem"))));

    vertx.undeploy(deployment).await();

    assertFalse(Files.exists(folder), folder.toString());
  }

  @Test
  void aFirstPortWithoutRoomForAllIsRefused() {
    // what exists once per process starts once per Vert.x: this needs a Vert.x of its own
    Vertx other = Vertx.vertx();
    try {
      Exception failure = assertThrows(Exception.class, () -> EchoServers.deploy(other, new JsonObject()
        .put("tls", new JsonObject().put("badCertificates", true).put("badCertificatesPort", 65530))).await());
      assertEquals("tls.badCertificatesPort: 65530 leaves no room for its 8 ports (at most 65528)", failure.getMessage());
    } finally {
      other.close().await();
    }
  }
}
