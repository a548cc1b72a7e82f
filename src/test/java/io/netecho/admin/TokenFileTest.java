package io.netecho.admin;

import io.netecho.testing.NodeTest;
import io.netecho.testing.RunningNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code admin.tokenFile}: the token read from a file (a mounted secret), trimmed as the presented one is. */
@Timeout(30)
class TokenFileTest extends NodeTest {

  private static final String SECRET = "token-from-a-file-0123";

  @TempDir
  Path dir;

  private static JsonObject tokenFile(Path file) {
    return new JsonObject().put("admin", new JsonObject().putNull("token").put("tokenFile", file.toString()));
  }

  @Test
  void aTokenFileEndingInANewlineAuthorizesItsToken() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), SECRET + "\n");
    node = RunningNode.start(tokenFile(file));
    HttpResponse<String> response = node.post("/broadcast", "news", "Authorization", "Bearer " + SECRET);
    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void aMissingTokenFileStopsTheStartNamingTheKeyAndThePath() {
    Path missing = dir.resolve("no-such-token");
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> RunningNode.start(tokenFile(missing)));
    assertEquals("admin.tokenFile: cannot read " + missing + ": no such file", failure.getCause().getMessage());
  }

  @Test
  void aShortTokenInTheFileStopsTheStartWithoutShowingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  short-secret\n");
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> RunningNode.start(tokenFile(file)));
    String reason = failure.getCause().getMessage();
    assertEquals("admin.tokenFile: " + file + " holds a token shorter than 16 characters (whitespace trimmed)", reason);
    assertFalse(reason.contains("short-secret"), reason);
  }
}
