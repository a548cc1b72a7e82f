package io.netecho.http;

import io.netecho.testing.LogCapture;
import io.netecho.EchoVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the HTTP echo starts beside the echo instances, and how it stops with them. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class HttpEchoStartTest {

  private WebSocketClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close().await();
    }
  }

  @Test
  void itIsOffByDefault(Vertx vertx) {
    HttpEchoServer server = HttpEchoServer.deploy(vertx, new JsonObject().put("http", new JsonObject().put("enabled", false)));

    assertEquals(-1, server.httpPort());
    assertEquals(-1, server.infoPort());
  }

  @Test
  void instancesShareOneEphemeralHttpPortOfItsOwnAndItIsLoggedOnce(Vertx vertx) throws Exception {
    // deploy fails unless there is exactly one "http echo listening" line
    HttpEchoServer server = HttpEchoServer.deploy(vertx, new JsonObject()
      .put("info", new JsonObject().put("enabled", true).put("port", 0)), 2);
    assertEquals(3, Set.of(server.echoPort(), server.httpPort(), server.infoPort()).size(), server.toString());
    Set<String> threads = new HashSet<>();
    try (LogCapture log = LogCapture.ofAll()) {
      for (int i = 0; i < 8; i++) {
        try (Socket socket = ClientInfoTest.connect(server.httpPort())) {
          socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
          assertTrue(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("HTTP/1.1 200"));
        }
      }
      threads.addAll(log.threads(line -> line.startsWith("http GET /x")));
    }
    assertEquals(2, threads.size(), threads.toString());
  }

  @Test
  void aTakenPortFailsTheStartWithOneLineNamingIt(Vertx vertx) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      JsonObject config = new JsonObject().put("host", "127.0.0.1").put("port", 0)
        .put("admin", new JsonObject().put("enabled", false))
        .put("http", new JsonObject().put("enabled", true).put("port", taken.getLocalPort()));

      Exception failure = assertThrows(Exception.class, () ->
        vertx.deployVerticle(EchoVerticle.class.getName(), new DeploymentOptions().setConfig(config)).await());

      assertTrue(failure.getMessage().startsWith("cannot listen on http 127.0.0.1:" + taken.getLocalPort() + ": "),
        failure.getMessage());
    }
  }

  @Test
  void undeployingClosesOpenWebSocketsWithGoingAway(Vertx vertx) {
    HttpEchoServer server = HttpEchoServer.deploy(vertx, new JsonObject().put("shutdownGraceSeconds", 5));
    // held in a field: Vert.x closes the connections of a client that is garbage collected
    client = vertx.createWebSocketClient();
    WebSocket socket = client.connect(server.httpPort(), "127.0.0.1", "/ws").await();
    Promise<Short> closed = Promise.promise();
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));

    vertx.undeploy(server.deploymentId()).await();

    assertEquals((short) 1001, closed.future().await());
  }
}
