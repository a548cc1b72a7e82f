package io.netecho.proxy;

import io.netecho.testing.EchoClient;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code proxyProtocol}: a PROXY protocol v1 or v2 header names the client, and the echo's log lines
 * and connection events use that address; a connection without a valid header is closed with one line.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ProxyProtocolTest {

  private static final String V1_HEADER = "PROXY TCP4 203.0.113.7 127.0.0.1 51000 8124\r\n";
  private static final String PREFIX = "Repeating: ";

  /** A v2 header (binary): PROXY command, TCP over IPv4, from 198.51.100.9:40000 to 127.0.0.1:8124. */
  private static byte[] v2Header() {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
    header.writeBytes(new byte[] {0x21, 0x11, 0x00, 0x0C});
    header.writeBytes(new byte[] {(byte) 198, 51, 100, 9, 127, 0, 0, 1});
    header.writeBytes(new byte[] {(byte) 0x9C, 0x40, 0x1F, (byte) 0xBC});
    return header.toByteArray();
  }

  private static int deploy(Vertx vertx, JsonObject overrides) {
    return EchoServers.deploy(vertx, new JsonObject().put("proxyProtocol", true).mergeIn(overrides, true)).await();
  }

  @Test
  void aV1HeaderNamesTheClientInTheLog(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    try (LogCapture log = LogCapture.ofConnections(); EchoClient client = new EchoClient(port)) {
      client.send(V1_HEADER + "hello");

      assertEquals(PREFIX + "hello", client.readText(PREFIX.length() + 5));
      assertEquals(List.of("connected 203.0.113.7:51000", "hello from 203.0.113.7:51000"), log.texts(line -> true));
    }
  }

  @Test
  void aV2HeaderNamesTheClientInTheLog(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    try (LogCapture log = LogCapture.ofConnections(); EchoClient client = new EchoClient(port)) {
      client.send(v2Header()).send("hello");

      assertEquals(PREFIX + "hello", client.readText(PREFIX.length() + 5));
      assertEquals("connected 198.51.100.9:40000", log.texts(line -> true).get(0));
    }
  }

  @Test
  void aV2LocalHeaderFromTheBalancerItselfKeepsTheTcpAddress(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    byte[] local = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0x00, 0x00};
    try (LogCapture log = LogCapture.ofConnections(); EchoClient client = new EchoClient(port)) {
      client.send(local).send("ok");

      assertEquals(PREFIX + "ok", client.readText(PREFIX.length() + 2));
      assertEquals("connected 127.0.0.1:" + client.localPort(), log.texts(line -> true).get(0));
    }
  }

  @Test
  void overTlsTheHeaderComesBeforeTheHandshake(Vertx vertx) throws Exception {
    TestCertificates.Pair certificate = TestCertificates.shared("server");
    int port = deploy(vertx, new JsonObject().put("tls", certificate.tlsConfig()));
    try (LogCapture log = LogCapture.ofConnections(); Socket tcp = EchoClient.connect(port)) {
      tcp.getOutputStream().write(V1_HEADER.getBytes(StandardCharsets.US_ASCII));
      SSLSocket tls = (SSLSocket) certificate.trustedBy(vertx).getSocketFactory().createSocket(tcp, "localhost", port, true);
      try (EchoClient client = new EchoClient(tls)) {
        assertEquals(PREFIX + "secret", client.send("secret").readText(PREFIX.length() + 6));
        assertEquals("connected 203.0.113.7:51000", log.texts(line -> true).get(0));
      }
    }
  }

  @Test
  void aConnectionWithoutAHeaderIsClosedWithOneLogLine(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject());
    try (LogCapture log = LogCapture.of(ProxyProtocol.class); LogCapture echo = LogCapture.ofConnections();
         EchoClient client = new EchoClient(port)) {
      client.send("hello, no header here\r\n");

      assertEquals(0, readUntilClosed(client));
      String line = log.next(text -> true).get(10, TimeUnit.SECONDS);
      assertTrue(line.startsWith("closed a connection without a valid PROXY protocol header: "), line);
      assertEquals(1, log.texts(text -> true).size());
      assertEquals(List.of(), echo.texts(text -> true));
    }
  }

  @Test
  void aClientThatSendsNoHeaderIsClosedAfterTheTimeout(Vertx vertx) throws Exception {
    int port = deploy(vertx, new JsonObject().put("proxyProtocolTimeoutMs", 200));
    try (EchoClient client = new EchoClient(port)) {
      long start = System.nanoTime();

      assertEquals(0, readUntilClosed(client));
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
    }
  }

  /** Bytes read until the server's FIN (or its reset, which is how a close with unread input ends). */
  private static int readUntilClosed(EchoClient client) throws IOException {
    try {
      return client.readToEnd().length;
    } catch (SocketException reset) {
      return 0;
    }
  }
}
