package io.netecho.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netecho.EchoVerticle;
import io.netecho.cluster.ClusterSecurity;
import io.netecho.cluster.HazelcastSetup;
import io.netecho.config.NetEchoConfig;
import io.netecho.stats.Metrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A net-echo node in this JVM, built as the launchers build one (Vert.x metrics on, the node's
 * services prepared, the echo verticle deployed), on loopback and ephemeral ports, which are read
 * from its log lines as a user reads them.
 */
public final class RunningNode implements AutoCloseable {

  public static final String TOKEN = "test-token-of-20-chars";

  private static final Pattern LISTENING = Pattern.compile("^listening on port (\\d+)");
  private static final Pattern ADMIN = Pattern.compile("admin endpoint on http://[^ ]+:(\\d+)");
  private static final Pattern UDP = Pattern.compile("udp echo listening on port (\\d+)");
  private static final Pattern HTTP_ECHO = Pattern.compile("^http echo listening on port (\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final Vertx vertx;
  public final int echoPort;
  public final int adminPort;
  /** The UDP echo's port, -1 unless {@code udp.enabled}. */
  public final int udpPort;
  /** The HTTP echo's port, -1 unless {@code http.enabled}. */
  public final int httpPort;

  private RunningNode(Vertx vertx, int echoPort, int adminPort, int udpPort, int httpPort) {
    this.vertx = vertx;
    this.echoPort = echoPort;
    this.adminPort = adminPort;
    this.udpPort = udpPort;
    this.httpPort = httpPort;
  }

  /**
   * Loopback, ephemeral ports, the admin endpoint on with {@link #TOKEN}, chunk logging off, a short
   * graceful stop; then {@code overrides}.
   */
  public static JsonObject config(JsonObject overrides) {
    return new JsonObject()
      .put("host", "127.0.0.1")
      .put("port", 0)
      .put("shutdownGraceSeconds", 1)
      .put("log", new JsonObject().put("data", false))
      .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("token", TOKEN))
      .mergeIn(overrides, true);
  }

  public static RunningNode start(JsonObject overrides) {
    VertxOptions options = new VertxOptions();
    Metrics metrics = Metrics.enable(options);
    Vertx vertx = Vertx.builder().with(options).withMetrics(metrics.factory()).build();
    io.netecho.node.Node.prepare(vertx, metrics.registry(), null);
    return deploy(vertx, overrides);
  }

  /** A member of the cluster {@code name}, Hazelcast on {@code port}, joining {@code members} on 127.0.0.1. */
  public static RunningNode clustered(String name, int port, List<String> members, JsonObject overrides) {
    return clustered(name, port, members, overrides, new NetEchoConfig.ClusterTls(null, null, null, false));
  }

  /** A member as above whose event bus takes {@code tls} as the launchers apply it. */
  public static RunningNode clustered(String name, int port, List<String> members, JsonObject overrides,
                                      NetEchoConfig.ClusterTls tls) {
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1");
    ClusterSecurity.apply(tls, "127.0.0.1", options.getEventBusOptions());
    Metrics metrics = Metrics.enable(options);
    ClusterManager manager = HazelcastSetup.clusterManager(
      new NetEchoConfig.Cluster(name, members, "127.0.0.1", port), "127.0.0.1");
    Vertx vertx = Vertx.builder().with(options).withMetrics(metrics.factory()).withClusterManager(manager)
      .buildClustered()
      .toCompletionStage().toCompletableFuture().join();
    io.netecho.node.Node.prepare(vertx, metrics.registry(), manager);
    return deploy(vertx, overrides);
  }

  private static RunningNode deploy(Vertx vertx, JsonObject overrides) {
    Logger logger = (Logger) LoggerFactory.getLogger("io.netecho");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      vertx.deployVerticle(EchoVerticle.class.getName(), new DeploymentOptions().setConfig(config(overrides)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new RunningNode(vertx, port(lines, LISTENING), port(lines, ADMIN), port(lines, UDP), port(lines, HTTP_ECHO));
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("node did not start: " + e.getMessage(), e.getCause() != null ? e.getCause() : e);
    } finally {
      logger.detachAppender(lines);
    }
  }

  /** The port in the one matching line, or -1 when no line matches. */
  private static int port(ListAppender<ILoggingEvent> lines, Pattern pattern) {
    List<Integer> ports = lines.list.stream()
      .map(event -> pattern.matcher(event.getFormattedMessage()))
      .filter(Matcher::find)
      .map(m -> Integer.parseInt(m.group(1)))
      .toList();
    if (ports.size() > 1) {
      throw new AssertionError("more than one line matching " + pattern + ": " + ports);
    }
    return ports.isEmpty() ? -1 : ports.get(0);
  }

  public Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", echoPort);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).timeout(Duration.ofSeconds(10));
  }

  /** This node's own part of its {@code /stats}. */
  public JsonObject stats() throws IOException, InterruptedException {
    return json(get("/stats")).getJsonObject("node");
  }

  /**
   * This node's {@code /stats} once {@code field} has reached {@code atLeast}, asked every 20 ms for
   * at most 10 s: for counts that no event announces (a datagram dropped, a reply counted once its
   * send completes, which may be just after the client has it).
   */
  public JsonObject awaitStats(String field, long atLeast) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonObject stats = stats();
      if (stats.getLong(field) >= atLeast) {
        return stats;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(field + " never reached " + atLeast + " within 10 s: " + stats.encodePrettily());
      }
      Thread.sleep(20);
    }
  }

  public static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  /** Sends {@code text} and reads the whole reply, so the server has counted both. */
  public static void exchange(Socket client, String text) throws IOException {
    client.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    byte[] reply = client.getInputStream().readNBytes(("Repeating: " + text).length());
    assertEquals("Repeating: " + text, new String(reply, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("node did not close: " + e.getMessage(), e);
    }
  }
}
