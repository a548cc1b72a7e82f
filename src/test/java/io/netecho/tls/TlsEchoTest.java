package io.netecho.tls;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The echo over TLS: byte-exact, Node's half-close kept, bad clients dropped with one line. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TlsEchoTest {

  private static final String PREFIX = "Repeating: ";

  private final TestCertificates.Pair server = TestCertificates.shared("server");
  private final ListAppender<ILoggingEvent> rootLog = new ListAppender<>();

  @BeforeEach
  void setUp() {
    rootLog.start();
    root().addAppender(rootLog);
  }

  @AfterEach
  void tearDown() {
    root().detachAppender(rootLog);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private int deploy(Vertx vertx, JsonObject overrides) {
    return EchoServers.deploy(vertx, new JsonObject().put("tls", server.tlsConfig()).mergeIn(overrides, true)).await();
  }

  @Test
  void all256ByteValuesComeBackExactlyOverTls(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    byte[] chunk = new byte[256];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) i;
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(PREFIX.getBytes(StandardCharsets.UTF_8));
    expected.writeBytes(chunk);
    try (TlsClient client = new TlsClient(server.trustedBy(vertx), port)) {
      assertArrayEquals(expected.toByteArray(), client.send(chunk).read(expected.size()));
    }
  }

  /** The JDK answers a TLS 1.2 close_notify at once and drops unsent writes; replies read with it used to be lost. */
  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void aClientThatHalfClosesGetsEveryReplyThenCloseNotifyAndFin(String protocol, Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    for (int round = 0; round < 10; round++) {
      try (TlsClient client = new TlsClient(server.trustedBy(vertx), port, protocol)) {
        assertEquals(protocol, client.protocol());
        client.send("m0").send("m1").send("m2").shutdownOutput();
        assertEquals("m0m1m2", client.readTextToEnd().replace(PREFIX, ""), "round " + round);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void withAllowHalfOpenDelayedRepliesStillFollowTheClientsCloseNotify(String protocol, Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("allowHalfOpen", true)
      .put("reply", new JsonObject().put("delayMs", 50)));
    try (TlsClient client = new TlsClient(server.trustedBy(vertx), port, protocol)) {
      client.send("late").shutdownOutput();
      assertEquals(PREFIX + "late", client.readTextToEnd());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void aCloseNotifyWithoutFinEndsTheClientsInput(String protocol, Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    try (TlsClient client = new TlsClient(server.trustedBy(vertx), port, protocol)) {
      client.send("last");
      client.closeNotifyOnly();
      assertFalse(client.tcpOutputShut());
      assertEquals(PREFIX + "last", client.readTextToEnd());
    }
  }

  @Test
  void aPlaintextClientIsDroppedWithOneLogLineAndTheNextTlsClientIsServed(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    try (LogCapture log = LogCapture.of(TlsServer.class); Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      plain.setSoTimeout(10_000);
      plain.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
      assertEquals("", readUntilClosed(plain.getInputStream()));
      log.next(line -> line.contains("did not start a TLS handshake")).get(10, TimeUnit.SECONDS);

      try (TlsClient client = new TlsClient(server.trustedBy(vertx), port)) {
        assertEquals(PREFIX + "next", new String(client.send("next").read(PREFIX.length() + 4), StandardCharsets.UTF_8));
      }
      assertEquals(1, log.texts(line -> true).size(), log.texts(line -> true).toString());
    }
    assertTrue(rootLog.list.stream().noneMatch(e -> e.getThrowableProxy() != null || e.getLevel() == Level.ERROR),
      rootLog.list.toString());
  }

  @Test
  void aClientThatConnectsAndClosesBeforeTheHandshakeIsOneInfoLine(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    try (LogCapture log = LogCapture.of(TlsServer.class)) {
      new Socket("127.0.0.1", port).close();
      assertEquals("a client closed the connection before the TLS handshake completed",
        log.next(line -> true).get(10, TimeUnit.SECONDS));
    }
    assertTrue(rootLog.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)), rootLog.list.toString());
  }

  @Test
  void aTls11ClientHelloIsRefusedWithAProtocolVersionAlert(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    try (LogCapture log = LogCapture.of(TlsServer.class); Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      raw.setSoTimeout(10_000);
      raw.getOutputStream().write(tls11ClientHello());
      byte[] answer = readUntilClosed(raw.getInputStream()).getBytes(StandardCharsets.ISO_8859_1);

      assertTrue(answer.length >= 7, "no alert, got " + answer.length + " bytes");
      assertEquals(21, answer[0], "an alert record, not a ServerHello");
      assertEquals(70, answer[6], "protocol_version");
      log.next(line -> line.startsWith("TLS handshake failed:")).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theServerPresentsTheConfiguredCertificate(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    TestCertificates.Pair other = TestCertificates.shared("other");
    try (TlsClient client = new TlsClient(other.trustedBy(vertx), port)) {
      throw new AssertionError("a client trusting another certificate completed the handshake: " + client.protocol());
    } catch (IOException expected) {
      assertNotEquals("", expected.getMessage());
    }
  }

  @Test
  void tlsOffServesPlainTcp(Vertx vertx) throws Exception {
    int port = EchoServers.deploy(vertx, new JsonObject()).await();
    try (EchoClient client = new EchoClient(port)) {
      assertEquals(PREFIX + "plain", client.send("plain").readText(PREFIX.length() + 5));
    }
    assertFalse(rootLog.list.stream().anyMatch(e -> e.getFormattedMessage().contains("TLS")), rootLog.list.toString());
  }

  /** What arrives until the server closes, as ISO-8859-1 so any byte survives; a reset counts as closed. */
  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (java.net.SocketException reset) {
      // the server may close with our bytes unread: a reset is a close too
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  /** A ClientHello offering TLS 1.1 at most (no supported_versions extension), two CBC suites, no compression. */
  private static byte[] tls11ClientHello() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {3, 2});                         // client_version TLS 1.1
    body.writeBytes(new byte[32]);                               // random
    body.write(0);                                               // session_id: empty
    body.writeBytes(new byte[] {0, 4, (byte) 0xc0, 0x14, 0, 0x2f}); // cipher_suites
    body.writeBytes(new byte[] {1, 0});                          // compression: null
    byte[] b = body.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    int handshakeLength = 4 + b.length;
    record.writeBytes(new byte[] {22, 3, 1, (byte) (handshakeLength >> 8), (byte) handshakeLength});
    record.writeBytes(new byte[] {1, 0, (byte) (b.length >> 8), (byte) b.length});
    record.writeBytes(b);
    return record.toByteArray();
  }
}
