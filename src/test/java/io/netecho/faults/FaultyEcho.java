package io.netecho.faults;

import io.netecho.EchoVerticle;
import io.netecho.testing.EchoServers;
import io.netecho.testing.LogCapture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An echo deployed as the launchers deploy it, on loopback and ephemeral ports, admin off, chunks
 * not logged; its ports are read from its log lines as a user reads them.
 */
final class FaultyEcho {

  private static final Pattern MAIN = Pattern.compile("^listening on port (\\d+)");
  private static final Pattern EXTRA = Pattern.compile("^also serving port (\\d+)");

  /** The main port. */
  final int port;
  /** The ports of {@code listeners}, in config order. */
  final List<Integer> listenerPorts;

  private FaultyEcho(int port, List<Integer> listenerPorts) {
    this.port = port;
    this.listenerPorts = listenerPorts;
  }

  /** The main port dealing {@code faults}. */
  static FaultyEcho withFaults(Vertx vertx, JsonObject faults) {
    return deploy(vertx, new JsonObject().put("faults", faults));
  }

  static FaultyEcho deploy(Vertx vertx, JsonObject overrides) {
    return deploy(vertx, overrides, 1);
  }

  static FaultyEcho deploy(Vertx vertx, JsonObject overrides, int instances) {
    JsonObject config = EchoServers.config(new JsonObject()
      .put("log", new JsonObject().put("data", false))
      .mergeIn(overrides, true));
    try (LogCapture lines = LogCapture.of(EchoVerticle.class)) {
      vertx.deployVerticle(EchoVerticle.class.getName(), new DeploymentOptions().setConfig(config).setInstances(instances))
        .await();
      List<Integer> main = ports(lines, MAIN);
      if (main.size() != 1) {
        throw new AssertionError("expected one 'listening on port' line, got " + main);
      }
      return new FaultyEcho(main.get(0), ports(lines, EXTRA));
    }
  }

  private static List<Integer> ports(LogCapture lines, Pattern pattern) {
    return lines.texts(line -> true).stream()
      .map(pattern::matcher)
      .filter(Matcher::find)
      .map(m -> Integer.parseInt(m.group(1)))
      .toList();
  }

  Socket connect() throws IOException {
    return connect(port);
  }

  static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    return socket;
  }

  static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Exactly {@code n} bytes as text, or an exception when the server ends first. */
  static String read(Socket socket, int n) throws IOException {
    byte[] bytes = socket.getInputStream().readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("connection ended after " + bytes.length + " of " + n + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Everything until the server's FIN, as text. */
  /** Reads until the connection fails, into {@code received}; an end of stream (a FIN) is not what is expected. */
  static void readUntilFailure(Socket client, ByteArrayOutputStream received) throws IOException {
    InputStream in = client.getInputStream();
    byte[] buffer = new byte[64];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      received.write(buffer, 0, n);
    }
    throw new AssertionError("a FIN, not a reset, after " + received.size() + " bytes");
  }

  static String readToEnd(Socket socket) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }
}
