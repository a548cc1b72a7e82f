package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin token that is too short, or a token file that cannot be read, stops the start in one line that never shows the token. */
@Timeout(120)
class AdminTokenIT extends ServerProcessTest {

  private static final String SHORT = "short-secret";

  @Test
  void aShortTokenStopsTheStartWithOneLineNamingTheKeyButNotTheValue() throws Exception {
    server = ServerProcess.jar("-conf", "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"port\":0,\"token\":\"" + SHORT + "\"}}");
    FatJarIT.assertOneLineFailure(server, 15, "admin.token", "at least 16 characters");
    assertTrue(!server.output().contains(SHORT), server.output());
  }

  @Test
  void aShortTokenInTheEnvironmentStopsTheStartWithoutShowingIt() throws Exception {
    server = ServerProcess.start(List.of(ServerProcess.javaBin(), "-jar", ServerProcess.JAR,
      "-conf", "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"port\":0}}"), Map.of("NETECHO_ADMIN_TOKEN", SHORT));
    FatJarIT.assertOneLineFailure(server, 15, "NETECHO_ADMIN_TOKEN", "admin.token", "at least 16 characters");
    assertTrue(!server.output().contains(SHORT), server.output());
  }

  @Test
  void aMissingTokenFileStopsTheStartWithOneLineNamingTheKeyAndThePath() throws Exception {
    Path missing = Path.of(System.getProperty("java.io.tmpdir"), "net-echo-no-such-token-file");
    server = ServerProcess.jar("-conf", "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"port\":0,\"tokenFile\":\""
      + missing + "\"}}");
    FatJarIT.assertOneLineFailure(server, 15, "admin.tokenFile", missing.toString(), "no such file");
  }
}
