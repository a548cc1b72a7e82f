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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A private key that others may read is served, with a warning at start saying how to fix it. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TlsStartWarningsTest {

  @TempDir
  Path dir;

  private List<String> startWarnings(Vertx vertx, String keyMode) throws Exception {
    TestCertificates.Pair pair = TestCertificates.copy("server", dir);
    Files.setPosixFilePermissions(pair.key(), PosixFilePermissions.fromString(keyMode));
    try (LogCapture log = LogCapture.of(TlsServer.class)) {
      EchoServers.deploy(vertx, new JsonObject().put("tls", pair.tlsConfig())).await();
      return log.texts(text -> text.startsWith("tls.keyPath"));
    }
  }

  @Test
  void aKeyFileReadableByOthersIsServedWithAWarning(Vertx vertx) throws Exception {
    List<String> warnings = startWarnings(vertx, "rw-r--r--");
    assertEquals(List.of("tls.keyPath: \"" + dir.resolve("server.key.pem") + "\" can be read or written by others "
      + "than its owner (rw-r--r--): chmod 600 it"), warnings);
  }

  @Test
  void aKeyFileOnlyItsOwnerReadsIsServedWithoutAWarning(Vertx vertx) throws Exception {
    assertEquals(List.of(), startWarnings(vertx, "rw-------"));
  }
}
