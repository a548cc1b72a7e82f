package io.netecho.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Calls to the Echo service with Vert.x's gRPC client (h2c, prior knowledge), each awaited whole. */
final class EchoCalls implements AutoCloseable {

  /** A finished call: the replies in order, the response headers and trailers, the status. */
  record Result(List<DynamicMessage> replies, MultiMap headers, MultiMap trailers, GrpcStatus status, String message) {

    String reply(int index, String field) {
      DynamicMessage reply = replies.get(index);
      return String.valueOf(reply.getField(EchoProto.RESPONSE.findFieldByName(field)));
    }
  }

  private final GrpcClient client;
  private final SocketAddress server;

  EchoCalls(Vertx vertx, int port) {
    this.client = GrpcClient.client(vertx);
    this.server = SocketAddress.inetSocketAddress(port, "127.0.0.1");
  }

  static DynamicMessage request(String message, ByteString payload, int count) {
    return DynamicMessage.newBuilder(EchoProto.REQUEST)
      .setField(EchoProto.REQUEST.findFieldByName("message"), message)
      .setField(EchoProto.REQUEST.findFieldByName("payload"), payload)
      .setField(EchoProto.REQUEST.findFieldByName("count"), count)
      .build();
  }

  static DynamicMessage request(String message) {
    return request(message, ByteString.EMPTY, 0);
  }

  static ServiceMethod<DynamicMessage, DynamicMessage> method(String name) {
    return ServiceMethod.client(EchoProto.SERVICE, name, GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(DynamicMessage.getDefaultInstance(EchoProto.RESPONSE)));
  }

  /** Calls {@code method} with {@code metadata}, sends {@code requests}, half-closes and waits for the end. */
  Result call(String method, Map<String, String> metadata, DynamicMessage... requests) {
    return call(method, metadata, request -> {
      for (DynamicMessage message : requests) {
        request.write(message);
      }
      request.end();
    }, reply -> { });
  }

  /** The same, {@code send} writing the requests, {@code onReply} told of each reply as it arrives. */
  Result call(String method, Map<String, String> metadata, Consumer<GrpcClientRequest<DynamicMessage, DynamicMessage>> send,
              Consumer<DynamicMessage> onReply) {
    List<DynamicMessage> replies = new CopyOnWriteArrayList<>();
    GrpcClientRequest<DynamicMessage, DynamicMessage> request = client.request(server, method(method)).await();
    metadata.forEach(request.headers()::add);
    // the handler is set on the event loop as the response arrives, before any reply can be missed
    Future<GrpcClientResponse<DynamicMessage, DynamicMessage>> ended = request.response().compose(response -> response
      .handler(reply -> {
        replies.add(reply);
        onReply.accept(reply);
      })
      .end()
      .transform(done -> Future.succeededFuture(response)));
    send.accept(request);
    GrpcClientResponse<DynamicMessage, DynamicMessage> response = ended.await();
    // Vert.x's client reads grpc-message from the headers only: a trailer's is decoded here
    String message = response.trailers().get("grpc-message");
    return new Result(List.copyOf(replies), response.headers(), response.trailers(), response.status(),
      message == null ? response.statusMessage() : QueryStringDecoder.decodeComponent(message, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    client.close().await();
  }
}
