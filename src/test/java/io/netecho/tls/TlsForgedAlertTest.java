package io.netecho.tls;

import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS 1.2 shows each record's type in plaintext, so someone on the path can insert an alert record
 * that looks like a close_notify. The server must not take it for the client's end (a truncation
 * attack): only an alert the engine has decrypted and authenticated ends the input.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TlsForgedAlertTest {

  private static final String PREFIX = "Repeating: ";
  /** A TLS 1.2 alert record in plaintext: warning (1), close_notify (0). */
  private static final byte[] FORGED_CLOSE_NOTIFY = {21, 3, 3, 0, 2, 1, 0};
  /** The same, fatal (2), handshake_failure (40). */
  private static final byte[] FORGED_FATAL_ALERT = {21, 3, 3, 0, 2, 2, 40};

  private final TestCertificates.Pair server = TestCertificates.shared("server");

  private int deploy(Vertx vertx) {
    return EchoServers.deploy(vertx, new JsonObject().put("tls", server.tlsConfig())).await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"close_notify", "fatal"})
  void aForgedAlertInTheMiddleOfASessionFailsTheConnectionInsteadOfEndingIt(String kind, Vertx vertx,
                                                                           VertxTestContext test) throws Exception {
    int port = deploy(vertx);
    try (LogCapture log = LogCapture.ofConnections();
         TlsClient client = new TlsClient(server.trustedBy(vertx), port, "TLSv1.2")) {
      assertEquals(PREFIX + "before", client.send("before").readText(PREFIX.length() + 6));
      String peer = "127.0.0.1:" + client.localPort();
      // strict: a second error or close line fails the test as it is logged; an 'end' line at once
      Checkpoint failed = test.checkpoint();
      Checkpoint closed = test.checkpoint();
      log.each(text -> text.startsWith("connection error " + peer), line -> failed.flag());
      log.each(("client ended " + peer)::equals, line -> test.failNow(new AssertionError("the forged alert ended the input")));
      log.each(("client closed connection " + peer)::equals, line -> test.verify(() -> {
        assertTrue(log.texts(text -> text.startsWith("connection error " + peer)).size() == 1,
          log.texts(text -> text.contains(peer)).toString());
        assertTrue(log.texts(("client ended " + peer)::equals).isEmpty(), "the forged alert ended the input");
        closed.flag();
      }));
      client.injectRaw(kind.equals("fatal") ? FORGED_FATAL_ALERT : FORGED_CLOSE_NOTIFY);
      // no clean end (our close_notify and FIN): the connection fails with the engine's alert
      assertThrows(IOException.class, client::readToEnd);
      // the lines are watched only while the capture is open
      assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS), "no error and close lines for " + peer);
    }
  }

  @Test
  void aGenuineCloseNotifyStillEndsTheInputAfterTheReplies(Vertx vertx) throws Exception {
    int port = deploy(vertx);
    try (TlsClient client = new TlsClient(server.trustedBy(vertx), port, "TLSv1.2")) {
      client.send("m0").send("m1");
      client.closeNotifyOnly();
      assertEquals(PREFIX + "m0" + PREFIX + "m1", client.readTextToEnd());
    }
  }
}
