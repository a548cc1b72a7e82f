package io.netecho.tls;

import io.netecho.EchoVerticle;
import io.netecho.testing.Commands;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.netecho.testing.TestCertificates;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No TLS listener lets a client renegotiate: the TLS 1.2 client that asks gets a fatal alert, the
 * server logs one line and closes the connection, and goes on serving everyone else.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class TlsRenegotiationTest {

  private static final String REFUSED = "refused a TLS renegotiation from 127.0.0.1:";

  private final TestCertificates.Pair server = TestCertificates.shared("server");
  private final LogCapture log = LogCapture.ofAll();
  private TlsClient client;
  private Process openssl;

  /** The ports of one server: the echo, one of {@code listeners}, the HTTP echo, the info port. */
  private record Ports(int echo, int listener, int http, int info) {
    int of(String name) {
      return switch (name) {
        case "echo" -> echo;
        case "listener" -> listener;
        case "http" -> http;
        default -> info;
      };
    }
  }

  private Ports ports;

  @BeforeEach
  void deploy(Vertx vertx) {
    JsonObject config = EchoServers.config(new JsonObject()
      .put("tls", server.tlsConfig())
      .put("listeners", new JsonArray().add(new JsonObject().put("port", 0)))
      .put("http", new JsonObject().put("enabled", true).put("port", 0))
      .put("info", new JsonObject().put("enabled", true).put("port", 0)));
    vertx.deployVerticle(EchoVerticle.class.getName(), new DeploymentOptions().setConfig(config)).await();
    ports = new Ports(port("^listening on port (\\d+)"), port("^also serving port (\\d+)"),
      port("^http echo listening on port (\\d+)"), port("^info port listening on port (\\d+)"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (client != null) {
      client.close();
    }
    if (openssl != null) {
      openssl.destroyForcibly();
    }
    log.close();
  }

  private int port(String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<String> lines = log.texts(line -> pattern.matcher(line).find());
    assertEquals(1, lines.size(), regex + " in " + lines);
    Matcher m = pattern.matcher(lines.get(0));
    assertTrue(m.find());
    return Integer.parseInt(m.group(1));
  }

  private List<String> refusals() {
    return log.texts(line -> line.startsWith(REFUSED));
  }

  @ParameterizedTest(name = "{0} port")
  @ValueSource(strings = {"echo", "listener", "http", "info"})
  void aTls12ClientThatAsksToRenegotiateIsRefusedAndClosed(String name, Vertx vertx) throws Exception {
    client = new TlsClient(server.trustedBy(vertx), ports.of(name), "TLSv1.2");
    SSLSocket tls = client.tls();
    String before = tls.getSession().getCipherSuite();

    // the JDK sends its new ClientHello here; the answer, a fatal alert, ends the next read
    assertThrows(IOException.class, () -> {
      tls.startHandshake();
      client.readToEnd();
    });

    String line = log.await(text -> text.startsWith(REFUSED));
    assertEquals(REFUSED + client.localPort() + ": clients may not renegotiate; connection closed", line);
    assertEquals(1, refusals().size(), refusals().toString());
    assertEquals("TLSv1.2", tls.getSession().getProtocol());
    assertEquals(before, tls.getSession().getCipherSuite());
  }

  @Test
  void theServerGoesOnServingAfterARefusal(Vertx vertx) throws Exception {
    try (TlsClient renegotiating = new TlsClient(server.trustedBy(vertx), ports.echo(), "TLSv1.2")) {
      assertThrows(IOException.class, () -> {
        (renegotiating.tls()).startHandshake();
        renegotiating.readToEnd();
      });
    }
    log.await(text -> text.startsWith(REFUSED));
    client = new TlsClient(server.trustedBy(vertx), ports.echo(), "TLSv1.2");
    assertEquals("Repeating: hello", client.send("hello").readText("Repeating: hello".length()));
  }

  @Test
  void aTls12ConnectionThatDoesNotRenegotiateEchoesAsBefore(Vertx vertx) throws Exception {
    client = new TlsClient(server.trustedBy(vertx), ports.echo(), "TLSv1.2");
    for (int i = 0; i < 3; i++) {
      assertEquals("Repeating: chunk " + i, client.send("chunk " + i).readText("Repeating: chunk 0".length()));
    }
    client.shutdownOutput();
    assertEquals("", client.readTextToEnd());
    assertTrue(refusals().isEmpty(), refusals().toString());
  }

  /** In TLS 1.3 the JDK's second handshake is a KeyUpdate, which is no renegotiation: the echo goes on. */
  @Test
  void aTls13KeyUpdateIsNotARenegotiation(Vertx vertx) throws Exception {
    client = new TlsClient(server.trustedBy(vertx), ports.echo(), "TLSv1.3");
    assertEquals("Repeating: one", client.send("one").readText("Repeating: one".length()));
    (client.tls()).startHandshake();
    assertEquals("Repeating: two", client.send("two").readText("Repeating: two".length()));
    assertTrue(refusals().isEmpty(), refusals().toString());
  }

  /** What a TLS scanner does: {@code openssl s_client}, and {@code R} typed on its input. */
  @Test
  void opensslRenegotiationIsRefusedWithAnAlert() throws Exception {
    assumeTrue(Commands.onPath("openssl"), "openssl is not installed");
    openssl = new ProcessBuilder("openssl", "s_client", "-tls1_2", "-connect", "127.0.0.1:" + ports.echo(),
      "-CAfile", server.cert().toString())
      .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8));
    OutputStream in = openssl.getOutputStream();
    in.write("hello\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    StringBuilder seen = new StringBuilder();
    assertTrue(readUntil(out, "Repeating: hello", seen), seen.toString());
    in.write("R\n".getBytes(StandardCharsets.UTF_8));
    in.flush();

    assertTrue(readUntil(out, "alert internal error", seen), seen.toString());
    assertTrue(openssl.waitFor(10, TimeUnit.SECONDS), "openssl s_client still runs");
    assertEquals(1, openssl.exitValue(), seen.toString());
    assertTrue(seen.toString().contains("RENEGOTIATING"), seen.toString());
    assertFalse(seen.toString().contains("Repeating: R"), seen.toString());
    log.await(text -> text.startsWith(REFUSED));
    assertEquals(1, refusals().size(), refusals().toString());
  }

  /** Reads lines until one contains {@code wanted} (true) or the output ends (false); each goes to {@code seen}. */
  private static boolean readUntil(BufferedReader out, String wanted, StringBuilder seen) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      if (line.contains(wanted)) {
        return true;
      }
    }
    return false;
  }
}
