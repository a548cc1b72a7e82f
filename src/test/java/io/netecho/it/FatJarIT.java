package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar target/net-echo.jar}, started and stopped as a real process. */
@Timeout(120)
class FatJarIT extends ServerProcessTest {

  static final String LOOPBACK_EPHEMERAL = "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false}}";


  static String echo(int port, String text) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(("Repeating: " + text).getBytes(StandardCharsets.UTF_8).length);
      return new String(reply, StandardCharsets.UTF_8);
    }
  }

  /** A failed start: the exit code, and the output, which must be the one reason line and nothing like a stack trace. */
  static void assertOneLineFailure(ServerProcess process, int expectedCode, String... mustContain) throws Exception {
    int code = process.awaitExit(60);
    List<String> reasons = process.lines().stream().filter(l -> l.startsWith("net-echo: cannot start: ")).toList();
    String output = process.output();
    assertEquals(expectedCode, code, output);
    assertEquals(1, reasons.size(), output);
    for (String part : mustContain) {
      assertTrue(reasons.get(0).contains(part), reasons.get(0));
    }
    assertTrue(process.lines().stream().noneMatch(l -> l.trim().startsWith("at ")), "stack trace in:\n" + output);
    assertTrue(process.lines().stream().noneMatch(l -> l.contains("listening on port")), output);
  }

  @Test
  void startsPrintsListeningOnceEchoesAndExitsZeroOnSigterm() throws Exception {
    server = ServerProcess.jar("-instances", "2", "-conf", LOOPBACK_EPHEMERAL);
    int port = server.awaitListening();
    assertEquals("Repeating: hello", echo(port, "hello"));
    assertEquals(1, server.lines().stream().filter(l -> l.contains("listening on port")).count(), server.output());
    server.terminate();
    assertEquals(0, server.awaitExit(30), server.output());
  }

  @Test
  void aConfFileIsRead() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("net-echo", ".json");
    java.nio.file.Files.writeString(file, "{\"host\":\"127.0.0.1\",\"port\":0,\"reply\":{\"prefix\":\"\"},\"admin\":{\"enabled\":false}}");
    server = ServerProcess.jar("-conf", file.toString());
    int port = server.awaitListening();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("raw".getBytes(StandardCharsets.UTF_8));
      assertEquals("raw", new String(socket.getInputStream().readNBytes(3), StandardCharsets.UTF_8));
    }
  }

  @Test
  void anOutOfRangeValueStopsTheStartWithOneLineNamingKeyAndValue() throws Exception {
    server = ServerProcess.jar("-conf", "{\"host\":\"127.0.0.1\",\"port\":70000}");
    assertOneLineFailure(server, 15, "port", "70000");
  }

  @Test
  void malformedConfJsonStopsTheStartWithOneLine() throws Exception {
    server = ServerProcess.jar("-conf", "{\"port\": 8124,");
    assertOneLineFailure(server, 15, "-conf");
  }

  @Test
  void aPortInUseStopsTheStartWithOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      server = ServerProcess.jar("-conf", "{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"admin\":{\"enabled\":false}}");
      assertOneLineFailure(server, 15, "127.0.0.1:" + port);
    }
  }
}
