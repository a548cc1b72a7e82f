package io.netecho.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.netecho.testing.Commands;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gRPC echo called by grpc-js, Node's gRPC client, from the shipped {@code netecho/v1/echo.proto}
 * as protobuf.js reads it ({@code src/test/node/grpc/call.js}): each kind of call, the metadata, a status.
 * grpc-js is installed from npm into {@code target/grpc-node} on first use; without node and npm
 * the tests are skipped.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcJsTest {

  private static final Path SOURCES = Path.of("src/test/node/grpc");
  private static final Path CLIENT = Path.of("target/grpc-node");
  private static final Path PROTO = Path.of("src/main/resources/netecho/v1/echo.proto");

  @BeforeAll
  static void installGrpcJs() throws Exception {
    assumeTrue(Commands.onPath("node") && Commands.onPath("npm"), "node and npm are not installed");
    Files.createDirectories(CLIENT);
    for (String file : List.of("package.json", "call.js")) {
      Files.copy(SOURCES.resolve(file), CLIENT.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(CLIENT.resolve("node_modules/@grpc/grpc-js"))) {
      Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock")
        .directory(CLIENT.toFile()).redirectErrorStream(true).start();
      String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = npm.waitFor(100, TimeUnit.SECONDS);
      if (!done) {
        npm.destroyForcibly();
      }
      assumeTrue(done && npm.exitValue() == 0, "npm could not install grpc-js: " + out);
    }
  }

  /** Runs call.js with {@code spec}; answers the one JSON line it prints. */
  private static String node(int port, String spec) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("node", "call.js", "127.0.0.1:" + port, PROTO.toAbsolutePath().toString(), spec)
      .directory(CLIENT.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "call.js still running");
    assertEquals(0, process.exitValue(), out);
    return out;
  }

  private static JsonObject call(int port, JsonObject spec) throws Exception {
    return new JsonObject(node(port, spec.encode()));
  }

  private static JsonObject reply(String message, String payload, int index, int count) {
    return new JsonObject().put("message", message).put("payload", payload).put("index", index).put("count", count);
  }

  @Test
  void echoAnswersAndSendsTheMetadataBack(Vertx vertx) throws Exception {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());

    JsonObject result = call(port, new JsonObject().put("method", "Echo")
      .put("requests", new JsonArray().add(new JsonObject().put("message", "hi").put("payload", "AAH/")))
      .put("metadata", new JsonObject().put("x-demo", "a").put("x-trace-bin", "AAE=")));

    assertEquals(new JsonObject()
      .put("replies", new JsonArray().add(reply("hi", "AAH/", 0, 1)))
      .put("headers", new JsonObject().put("content-type", new JsonArray().add("application/grpc"))
        .put("x-demo", new JsonArray().add("a")).put("x-trace-bin", new JsonArray().add("AAE=")))
      .put("trailers", new JsonObject().put("x-demo", new JsonArray().add("a")).put("x-trace-bin", new JsonArray().add("AAE=")))
      .put("code", 0)
      .put("details", ""), result);
  }

  @Test
  void expandStreamsCountReplies(Vertx vertx) throws Exception {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());

    JsonObject result = call(port, new JsonObject().put("method", "Expand")
      .put("requests", new JsonArray().add(new JsonObject().put("message", "x").put("count", 3))));

    assertEquals(new JsonArray().add(reply("x", "", 0, 1)).add(reply("x", "", 1, 1)).add(reply("x", "", 2, 1)),
      result.getJsonArray("replies"));
    assertEquals(0, result.getInteger("code"));
  }

  @Test
  void collectJoinsTheStreamedRequests(Vertx vertx) throws Exception {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());

    JsonObject result = call(port, new JsonObject().put("method", "Collect")
      .put("requests", new JsonArray().add(new JsonObject().put("message", "a")).add(new JsonObject().put("message", "b"))));

    assertEquals(new JsonArray().add(reply("ab", "", 0, 2)), result.getJsonArray("replies"));
    assertEquals(0, result.getInteger("code"));
  }

  @Test
  void chatAnswersEachRequestThenTheStatusAskedFor(Vertx vertx) throws Exception {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());

    JsonObject result = call(port, new JsonObject().put("method", "Chat")
      .put("requests", new JsonArray().add(new JsonObject().put("message", "a")).add(new JsonObject().put("message", "b")))
      .put("metadata", new JsonObject().put("x-echo-status", "UNAVAILABLE").put("x-echo-message", "going away")));

    assertEquals(new JsonArray().add(reply("a", "", 0, 1)).add(reply("b", "", 1, 2)), result.getJsonArray("replies"));
    assertEquals(14, result.getInteger("code"));
    assertEquals("going away", result.getString("details"));
  }

  @Test
  void badMetadataIsInvalidArgumentWithOneLine(Vertx vertx) throws Exception {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());

    JsonObject result = call(port, new JsonObject().put("method", "Echo")
      .put("requests", new JsonArray().add(new JsonObject().put("message", "a")))
      .put("metadata", new JsonObject().put("x-echo-delay-ms", "soon")));

    assertEquals(3, result.getInteger("code"));
    assertEquals("x-echo-delay-ms 'soon' is not a whole number of milliseconds", result.getString("details"));
  }

  @Test
  void theShippedProtoDescribesWhatTheServerServes() throws Exception {
    FileDescriptorProto read = FileDescriptorProto.parseFrom(
      Base64.getDecoder().decode(new JsonArray(node(0, "descriptor")).getString(0)));

    assertEquals(comparable(EchoProto.FILE.toProto()), comparable(read));
  }

  /** The messages, fields and methods; not the file's name (protobuf.js names it by package) nor JSON names. */
  private static FileDescriptorProto comparable(FileDescriptorProto file) {
    FileDescriptorProto.Builder builder = file.toBuilder().clearName();
    for (DescriptorProto.Builder message : builder.getMessageTypeBuilderList()) {
      message.getFieldBuilderList().forEach(field -> field.clearJsonName());
    }
    return builder.build();
  }
}
