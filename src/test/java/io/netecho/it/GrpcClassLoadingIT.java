package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gRPC echo costs the TCP echo nothing: without the HTTP echo, the jar loads none of its classes (the
 * JVM's class-load log says which it loads), and of Vert.x's gRPC modules only the two that Vert.x's
 * service loader runs as Vert.x starts (a context-local key, once per process); with the HTTP echo, the
 * gRPC echo is loaded at start.
 */
@Timeout(120)
class GrpcClassLoadingIT extends ServerProcessTest {

  private static final String CLASS_LOG = "-Xlog:class+load=info";

  /** The gRPC classes loaded, by name. */
  private List<String> grpcClassesLoaded() {
    return server.lines().stream()
      .filter(line -> line.contains("[class,load] io.netecho.grpc.") || line.contains("[class,load] io.vertx.grpc."))
      .map(line -> line.substring(line.indexOf("[class,load] ") + 13).split(" ")[0])
      .toList();
  }

  @Test
  void theTcpEchoAloneLoadsNoGrpcClass() throws Exception {
    server = ServerProcess.start(List.of(ServerProcess.javaBin(), CLASS_LOG, "-jar", ServerProcess.JAR,
      "-conf", FatJarIT.LOOPBACK_EPHEMERAL));
    int port = server.awaitListening();

    assertEquals("Repeating: hello", FatJarIT.echo(port, "hello"));
    server.await("client closed connection", 30);
    assertEquals(List.of("io.vertx.grpc.common.impl.GrpcRequestLocalRegistration", "io.vertx.grpc.common.GrpcLocal"),
      grpcClassesLoaded());
  }

  @Test
  void theHttpEchoLoadsTheGrpcEchoAtStart() throws Exception {
    server = ServerProcess.start(List.of(ServerProcess.javaBin(), CLASS_LOG, "-jar", ServerProcess.JAR,
      "-conf", "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},\"http\":{\"enabled\":true,\"port\":0}}"));
    server.awaitListening();

    assertEquals(1, grpcClassesLoaded().stream().filter("io.netecho.grpc.GrpcEcho"::equals).count(), server.output());
  }
}
