package io.netecho.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DynamicMessage;
import io.netecho.testing.TestCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.common.WireFormat;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gRPC echo on the HTTP echo's port, called with Vert.x's gRPC client: each kind of call, the metadata
 * echoed, the status and delay asked for, bad metadata, health and reflection, and the HTTP echo unchanged
 * for everything that is not gRPC.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GrpcEchoTest {

  private EchoCalls calls;
  private HttpClient http;

  @AfterEach
  void closeClients() {
    if (calls != null) {
      calls.close();
    }
    if (http != null) {
      http.close().await();
    }
  }

  private EchoCalls start(Vertx vertx, JsonObject http) {
    calls = new EchoCalls(vertx, GrpcEchoServer.deploy(vertx, new JsonObject().put("http", http)));
    return calls;
  }

  private EchoCalls start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  @Test
  void echoAnswersTheMessageAndPayloadAsSent(Vertx vertx) {
    ByteString payload = ByteString.copyFrom(new byte[] {0, 1, (byte) 0xff, '\n'});

    EchoCalls.Result result = start(vertx).call("Echo", Map.of(), EchoCalls.request("héllo", payload, 7));

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(1, result.replies().size());
    assertEquals("héllo", result.reply(0, "message"));
    assertEquals(payload, result.replies().get(0).getField(EchoProto.RESPONSE.findFieldByName("payload")));
    assertEquals("0", result.reply(0, "index"));
    assertEquals("1", result.reply(0, "count"));
  }

  @Test
  void expandRepliesCountTimes(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Expand", Map.of(), EchoCalls.request("x", ByteString.EMPTY, 3));

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(3, result.replies().size());
    for (int i = 0; i < 3; i++) {
      assertEquals("x", result.reply(i, "message"));
      assertEquals(String.valueOf(i), result.reply(i, "index"));
    }
  }

  @Test
  void expandWithCountZeroEndsWithoutReplies(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Expand", Map.of(), EchoCalls.request("x"));

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(List.of(), result.replies());
  }

  @Test
  void expandOverTheGeneratedBytesCapIsInvalidArgument(Vertx vertx) {
    EchoCalls.Result result = start(vertx, new JsonObject().put("maxGeneratedBytes", 100))
      .call("Expand", Map.of(), EchoCalls.request("x", ByteString.EMPTY, 11));

    assertEquals(GrpcStatus.INVALID_ARGUMENT, result.status());
    assertEquals("Expand 11 replies of 12 bytes are over 100 bytes (http.maxGeneratedBytes)", result.message());
    assertEquals(List.of(), result.replies());
  }

  @Test
  void expandWritesManyRepliesThroughTheWriteQueue(Vertx vertx) {
    ByteString kilobyte = ByteString.copyFrom(new byte[1024]);

    EchoCalls.Result result = start(vertx).call("Expand", Map.of(), EchoCalls.request("", kilobyte, 5000));

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(5000, result.replies().size());
    assertEquals("4999", result.reply(4999, "index"));
  }

  @Test
  void collectJoinsEveryRequestInOneReply(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Collect", Map.of(),
      EchoCalls.request("a", ByteString.copyFromUtf8("1"), 0), EchoCalls.request("b", ByteString.copyFromUtf8("2"), 0),
      EchoCalls.request("c", ByteString.copyFromUtf8("3"), 0));

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(1, result.replies().size());
    assertEquals("abc", result.reply(0, "message"));
    assertEquals(ByteString.copyFromUtf8("123"), result.replies().get(0).getField(EchoProto.RESPONSE.findFieldByName("payload")));
    assertEquals("3", result.reply(0, "count"));
  }

  @Test
  void chatAnswersEachRequestBeforeTheNextIsSent(Vertx vertx) {
    CompletableFuture<DynamicMessage> first = new CompletableFuture<>();
    EchoCalls echo = start(vertx);

    EchoCalls.Result result = echo.call("Chat", Map.of(), request -> {
      request.write(EchoCalls.request("one"));
      // the second request only once the first one's reply is in
      first.thenAccept(reply -> {
        request.write(EchoCalls.request("two"));
        request.end();
      });
    }, first::complete);

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(2, result.replies().size());
    assertEquals("one", result.reply(0, "message"));
    assertEquals("1", result.reply(0, "count"));
    assertEquals("two", result.reply(1, "message"));
    assertEquals("1", result.reply(1, "index"));
    assertEquals("2", result.reply(1, "count"));
  }

  @Test
  void metadataComesBackInHeadersAndTrailers(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Echo", Map.of("x-demo", "a", "x-trace-bin", "AAE="),
      EchoCalls.request("m"));

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(List.of("a"), result.headers().getAll("x-demo"));
    assertEquals(List.of("AAE="), result.headers().getAll("x-trace-bin"));
    assertEquals(List.of("a"), result.trailers().getAll("x-demo"));
    assertEquals(List.of("AAE="), result.trailers().getAll("x-trace-bin"));
    // gRPC's own and the transport's headers are not echoed
    assertNull(result.trailers().get("te"));
    assertNull(result.trailers().get("content-type"));
    assertNull(result.trailers().get("user-agent"));
    assertEquals(List.of("0"), result.trailers().getAll("grpc-status"));
  }

  @Test
  void theStatusAskedForEndsTheCallByName(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Echo",
      Map.of("x-echo-status", "NOT_FOUND", "x-echo-message", "no such thing"), EchoCalls.request("m"));

    assertEquals(GrpcStatus.NOT_FOUND, result.status());
    assertEquals("no such thing", result.message());
    assertEquals(List.of(), result.replies());
  }

  @Test
  void theStatusAskedForByCodeComesAfterTheStreamedReplies(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Expand", Map.of("x-echo-status", "14"),
      EchoCalls.request("m", ByteString.EMPTY, 2));

    assertEquals(GrpcStatus.UNAVAILABLE, result.status());
    assertEquals(2, result.replies().size());
    assertEquals(List.of("14"), result.trailers().getAll("x-echo-status"));
  }

  @Test
  void theDelayAskedForComesBeforeEachReply(Vertx vertx) {
    EchoCalls echo = start(vertx);
    long started = System.nanoTime();

    EchoCalls.Result result = echo.call("Expand", Map.of("x-echo-delay-ms", "150"), EchoCalls.request("m", ByteString.EMPTY, 2));

    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(GrpcStatus.OK, result.status());
    assertEquals(2, result.replies().size());
    assertTrue(tookMs >= 300, "two replies 150 ms apart took " + tookMs + " ms");
  }

  @Test
  void aStatusWithoutRepliesWaitsTheDelayOnce(Vertx vertx) {
    EchoCalls echo = start(vertx);
    long started = System.nanoTime();

    EchoCalls.Result result = echo.call("Echo", Map.of("x-echo-delay-ms", "200", "x-echo-status", "unavailable"),
      EchoCalls.request("m"));

    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(GrpcStatus.UNAVAILABLE, result.status());
    assertTrue(tookMs >= 200, "took " + tookMs + " ms");
  }

  @Test
  void anUnknownStatusIsInvalidArgument(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Echo", Map.of("x-echo-status", "17", "x-demo", "kept"), EchoCalls.request("m"));

    assertEquals(GrpcStatus.INVALID_ARGUMENT, result.status());
    assertEquals("x-echo-status '17' is not a gRPC status - use a code 0..16 or a name such as UNAVAILABLE", result.message());
    assertEquals(List.of(), result.replies());
    // a trailers-only answer: the echoed metadata once, in its one header block
    assertEquals(List.of("kept"), result.headers().getAll("x-demo"));
  }

  @Test
  void aDelayThatIsNotANumberIsInvalidArgument(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Chat", Map.of("x-echo-delay-ms", "1.5"), EchoCalls.request("m"));

    assertEquals(GrpcStatus.INVALID_ARGUMENT, result.status());
    assertEquals("x-echo-delay-ms '1.5' is not a whole number of milliseconds", result.message());
  }

  @Test
  void aDelayOverTheCapIsInvalidArgument(Vertx vertx) {
    EchoCalls.Result result = start(vertx, new JsonObject().put("maxDelayMs", 500))
      .call("Echo", Map.of("x-echo-delay-ms", "501"), EchoCalls.request("m"));

    assertEquals(GrpcStatus.INVALID_ARGUMENT, result.status());
    assertEquals("x-echo-delay-ms 501 is over 500 ms (http.maxDelayMs)", result.message());
  }

  @Test
  void aMessageOverTheBodyLimitIsResourceExhausted(Vertx vertx) {
    EchoCalls.Result result = start(vertx, new JsonObject().put("maxBodyBytes", 100))
      .call("Echo", Map.of(), EchoCalls.request("m", ByteString.copyFrom(new byte[200]), 0));

    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, result.status());
    assertEquals("a request message of 206 bytes is over 100 bytes (http.maxBodyBytes)", result.message());
  }

  @Test
  void anUnknownMethodIsUnimplemented(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Nope", Map.of(), EchoCalls.request("m"));

    assertEquals(GrpcStatus.UNIMPLEMENTED, result.status());
  }

  @Test
  void healthAnswersServingForTheServerAndItsServices(Vertx vertx) {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());
    GrpcClient client = GrpcClient.client(vertx);
    try {
      ServiceMethod<HealthCheckResponse, HealthCheckRequest> check = ServiceMethod.client(
        ServiceName.create("grpc.health.v1.Health"), "Check", GrpcMessageEncoder.encoder(),
        GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));
      for (String service : List.of("", "netecho.v1.Echo")) {
        HealthCheckResponse answer = client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"), check)
          .compose(request -> request.send(HealthCheckRequest.newBuilder().setService(service).build()))
          .compose(GrpcClientResponse::last)
          .await();
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, answer.getStatus(), "service '" + service + "'");
      }
      GrpcStatus unknown = client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"), check)
        .compose(request -> request.send(HealthCheckRequest.newBuilder().setService("no.such.Service").build()))
        .compose(response -> response.end().transform(done -> Future.succeededFuture(response.status())))
        .await();
      assertEquals(GrpcStatus.NOT_FOUND, unknown);
    } finally {
      client.close().await();
    }
  }

  @Test
  void reflectionListsTheServicesAndDescribesTheEchoFile(Vertx vertx) throws Exception {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());
    GrpcClient client = GrpcClient.client(vertx);
    try {
      ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> info = ServiceMethod.client(
        ServiceName.create("grpc.reflection.v1.ServerReflection"), "ServerReflectionInfo", GrpcMessageEncoder.encoder(),
        GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));
      SocketAddress server = SocketAddress.inetSocketAddress(port, "127.0.0.1");

      ServerReflectionResponse listed = client.request(server, info)
        .compose(request -> request.send(ServerReflectionRequest.newBuilder().setListServices("").build()))
        .compose(GrpcClientResponse::last)
        .await();
      ServerReflectionResponse file = client.request(server, info)
        .compose(request -> request.send(ServerReflectionRequest.newBuilder().setFileContainingSymbol("netecho.v1.Echo").build()))
        .compose(GrpcClientResponse::last)
        .await();

      assertEquals(List.of("netecho.v1.Echo", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"),
        listed.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList());
      assertEquals(1, file.getFileDescriptorResponse().getFileDescriptorProtoCount());
      assertEquals(EchoProto.FILE.toProto(),
        FileDescriptorProto.parseFrom(file.getFileDescriptorResponse().getFileDescriptorProto(0)));
    } finally {
      client.close().await();
    }
  }

  @Test
  void everyOtherRequestIsStillTheHttpEcho(Vertx vertx) {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());
    http = vertx.createHttpClient();

    JsonObject echoed = http.request(HttpMethod.POST, port, "127.0.0.1", "/netecho.v1.Echo/Echo")
      .compose(request -> request.putHeader("content-type", "application/json").send("{}"))
      .compose(HttpClientResponse::body)
      .map(Buffer::toJsonObject)
      .await();

    assertEquals("/netecho.v1.Echo/Echo", echoed.getString("path"));
    assertEquals("{}", echoed.getString("body"));
  }

  @Test
  void withGrpcOffAGrpcRequestIsEchoedAsHttp(Vertx vertx) {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject().put("http", new JsonObject().put("grpc", false)));
    http = vertx.createHttpClient();

    JsonObject echoed = http.request(HttpMethod.POST, port, "127.0.0.1", "/netecho.v1.Echo/Echo")
      .compose(request -> request.putHeader("content-type", "application/grpc").send(Buffer.buffer(new byte[5])))
      .compose(response -> response.body().map(body -> body.toJsonObject().put("status", response.statusCode())))
      .await();

    assertEquals(200, echoed.getInteger("status"));
    assertEquals(5, echoed.getInteger("bodyBytes"));
  }

  @Test
  void jsonRequestsGetJsonReplies(Vertx vertx) {
    EchoCalls.Result result = start(vertx).call("Echo", Map.of(), request -> {
      request.format(WireFormat.JSON);
      request.end(EchoCalls.request("json", ByteString.copyFromUtf8("p"), 0));
    }, reply -> { });

    assertEquals(GrpcStatus.OK, result.status());
    assertEquals("application/grpc+json", result.headers().get("content-type"));
    assertEquals("json", result.reply(0, "message"));
  }

  @Test
  void aRequestThatIsNotProtobufResetsTheStream(Vertx vertx) {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());
    GrpcClient client = GrpcClient.client(vertx);
    try {
      GrpcClientResponse<Buffer, Buffer> response = client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
        .compose(request -> request.fullMethodName("netecho.v1.Echo/Echo").send(Buffer.buffer(new byte[] {(byte) 0xff, 0x01})))
        .await();
      Throwable failure = response.end().transform(done -> Future.succeededFuture(done.cause())).await();

      assertNull(response.status());
      assertEquals(HttpClosedException.class, failure.getClass());
    } finally {
      client.close().await();
    }
  }

  @Test
  void chatStopsReadingAClientThatDoesNotReadItsReplies(Vertx vertx) throws Exception {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());
    GrpcClient client = GrpcClient.client(vertx);
    DynamicMessage kilobyte = EchoCalls.request("", ByteString.copyFrom(new byte[1024]), 0);
    int limit = 64 * 1024;
    AtomicInteger sent = new AtomicInteger();
    try {
      GrpcClientRequest<DynamicMessage, DynamicMessage> request = client
        .request(SocketAddress.inetSocketAddress(port, "127.0.0.1"), EchoCalls.method("Chat")).await();
      // the replies are not read: the server's writes back up, so it stops reading, and so ours back up
      Future<GrpcClientResponse<DynamicMessage, DynamicMessage>> response = request.response()
        .onSuccess(GrpcClientResponse::pause);
      Runnable[] pump = {null};
      pump[0] = () -> {
        while (sent.get() < limit && !request.writeQueueFull()) {
          request.write(kilobyte);
          sent.incrementAndGet();
        }
        request.drainHandler(v -> pump[0].run());
      };
      vertx.runOnContext(v -> pump[0].run());
      // nothing signals "the server stopped reading": wait until the writer makes no progress
      int seen = -1;
      for (int quiet = 0; quiet < 5 && sent.get() < limit; ) {
        Thread.sleep(200);
        quiet = sent.get() == seen ? quiet + 1 : 0;
        seen = sent.get();
      }
      int stalledAt = sent.get();
      assertTrue(stalledAt < limit, "the server read " + limit + " KiB from a client that reads none of its replies");

      int[] replies = {0};
      Future<Void> ended = response.compose(answer -> {
        Future<Void> end = answer.handler(reply -> replies[0]++).end();
        answer.resume();
        return end;
      });
      vertx.runOnContext(v -> {
        request.drainHandler(null);
        request.end();
      });
      ended.await();
      assertEquals(stalledAt, replies[0]);
    } finally {
      client.close().await();
    }
  }

  @Test
  void grpcWebOverHttp1GetsTheReplyAndTheStatusInTheBody(Vertx vertx) {
    int port = GrpcEchoServer.deploy(vertx, new JsonObject());
    http = vertx.createHttpClient();
    byte[] message = EchoCalls.request("web").toByteArray();
    Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(message.length).appendBytes(message);

    Buffer body = http.request(HttpMethod.POST, port, "127.0.0.1", "/netecho.v1.Echo/Echo")
      .compose(request -> request.putHeader("content-type", "application/grpc-web+proto").send(frame))
      .compose(HttpClientResponse::body)
      .await();

    // a data frame with the reply, then a trailer frame (flag 0x80) with the status
    int replyLength = body.getInt(1);
    assertEquals(0, body.getByte(0));
    assertEquals(EchoProto.response("web", ByteString.EMPTY, 0, 1), parse(body.getBytes(5, 5 + replyLength)));
    assertEquals((byte) 0x80, body.getByte(5 + replyLength));
    assertTrue(body.getString(10 + replyLength, body.length()).contains("grpc-status:0"), body.toString());
  }

  private static DynamicMessage parse(byte[] reply) {
    try {
      return DynamicMessage.parseFrom(EchoProto.RESPONSE, reply);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void overTlsTheCallGoesOverH2AgreedByAlpn(Vertx vertx) {
    TestCertificates.Pair pair = TestCertificates.shared("grpc");
    int port = GrpcEchoServer.deploy(vertx, new JsonObject().put("tls", pair.tlsConfig()));
    GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setSsl(true).setUseAlpn(true)
      .setTrustOptions(new PemTrustOptions().addCertPath(pair.cert().toString())));
    try {
      GrpcClientResponse<DynamicMessage, DynamicMessage> response = client
        .request(SocketAddress.inetSocketAddress(port, "localhost"), EchoCalls.method("Echo"))
        .compose(request -> request.send(EchoCalls.request("secure")))
        .await();
      DynamicMessage reply = response.last().await();

      assertEquals(GrpcStatus.OK, response.status());
      assertEquals("secure", reply.getField(EchoProto.RESPONSE.findFieldByName("message")));
    } finally {
      client.close().await();
    }
  }
}
