package io.netecho.tls;

import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replaced certificate files are served to new connections without a restart, once they fit together. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TlsReloadTest {

  @TempDir
  Path dir;

  private int deploy(Vertx vertx, TestCertificates.Pair files) {
    return EchoServers.deploy(vertx, new JsonObject().put("tls", files.tlsConfig().put("reloadSeconds", 1))).await();
  }

  private static LogCapture reloaderLog() {
    return LogCapture.of(CertificateReloader.class);
  }

  @Test
  void replacedFilesAreServedToNewConnectionsWithoutARestart(Vertx vertx) throws Exception {
    TestCertificates.Pair live = TestCertificates.copy("server", dir);
    TestCertificates.Pair next = TestCertificates.shared("other");
    try (LogCapture log = reloaderLog()) {
      int port = deploy(vertx, live);
      next.copyOver(live);

      log.next(line -> line.startsWith("reloaded TLS certificate")).get(10, TimeUnit.SECONDS);
      try (TlsClient client = new TlsClient(next.trustedBy(vertx), port)) {
        assertEquals("TLSv1.3", client.protocol());
      }
      assertEquals(1, log.texts(line -> line.startsWith("reloaded")).size(), log.texts(line -> true).toString());
    }
  }

  @Test
  void aCertificateReplacedWithoutItsKeyIsReportedOnceAndNotServed(Vertx vertx) throws Exception {
    TestCertificates.Pair live = TestCertificates.copy("server", dir);
    TestCertificates.Pair old = TestCertificates.shared("server");
    try (LogCapture log = reloaderLog()) {
      int port = deploy(vertx, live);
      Files.copy(TestCertificates.shared("other").cert(), live.cert(), StandardCopyOption.REPLACE_EXISTING);

      String warning = log.next(line -> line.startsWith("TLS files not reloaded")).get(10, TimeUnit.SECONDS);
      assertEquals("TLS files not reloaded, the previous certificate is still served: tls.keyPath: \"" + live.key()
        + "\" does not belong to the certificate in tls.certPath \"" + live.cert() + "\"", warning);
      try (TlsClient client = new TlsClient(old.trustedBy(vertx), port)) {
        assertEquals("TLSv1.3", client.protocol());
      }
      // the next check finds the same problem and stays quiet
      String quietCheck = log.next(line -> false).completeOnTimeout("none", 1_500, TimeUnit.MILLISECONDS).get();
      assertEquals("none", quietCheck);
      assertEquals(1, log.texts(line -> line.startsWith("TLS files not reloaded")).size());
    }
  }
}
