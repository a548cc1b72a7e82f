package io.netecho.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import io.netecho.config.NetEchoConfig;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;

import java.nio.charset.StandardCharsets;

/**
 * The {@code netecho.v1.Echo} service, one method each kind of call: {@code Echo} (unary), {@code Expand}
 * (one request, {@code count} replies), {@code Collect} (every request, then one reply joining them) and
 * {@code Chat} (each request answered as it arrives). The request's message and payload come back as
 * sent; no reply prefix is added, as on the HTTP echo. A status other than OK asked for by
 * {@code x-echo-status} ends the call after its replies, and takes the one reply's place in
 * {@code Echo} and {@code Collect}.
 */
final class EchoService {

  /** The gRPC frame's own bytes before each message: compressed flag and length. */
  private static final int FRAME_BYTES = 5;

  private final Vertx vertx;
  private final NetEchoConfig.Http settings;

  private EchoService(Vertx vertx, NetEchoConfig.Http settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /** The largest request message: {@code http.maxBodyBytes}, as for an HTTP request's body (Vert.x needs at least 1). */
  static int maxMessageBytes(NetEchoConfig.Http settings) {
    return Math.max(1, settings.maxBodyBytes());
  }

  static Service create(Vertx vertx, NetEchoConfig.Http settings) {
    EchoService echo = new EchoService(vertx, settings);
    return Service.service(EchoProto.SERVICE, EchoProto.ECHO)
      .bind(EchoProto.method("Echo"), echo::echo)
      .bind(EchoProto.method("Expand"), echo::expand)
      .bind(EchoProto.method("Collect"), echo::collect)
      .bind(EchoProto.method("Chat"), echo::chat)
      .build();
  }

  private void echo(GrpcServerRequest<DynamicMessage, DynamicMessage> request) {
    single(request, "Echo", (call, asked) -> {
      if (call.control().ok()) {
        call.reply(EchoProto.response(asked.message(), asked.payload(), 0, 1));
      }
      call.end();
    });
  }

  private void expand(GrpcServerRequest<DynamicMessage, DynamicMessage> request) {
    single(request, "Expand", (call, asked) -> {
      int count = asked.count();
      if (count < 0) {
        call.end(GrpcStatus.INVALID_ARGUMENT, "Expand count " + count + " is below 0");
        return;
      }
      long replyBytes = FRAME_BYTES + EchoProto.response(asked.message(), asked.payload(), count, 1).getSerializedSize();
      if (count * replyBytes > settings.maxGeneratedBytes()) {
        call.end(GrpcStatus.INVALID_ARGUMENT, "Expand " + count + " replies of " + replyBytes + " bytes are over "
          + settings.maxGeneratedBytes() + " bytes (http.maxGeneratedBytes)");
        return;
      }
      expandFrom(call, asked, 0);
    });
  }

  /** Expand's replies from {@code index} on: each after the delay, and none while the write queue is full. */
  private void expandFrom(EchoCall call, EchoProto.Request asked, int index) {
    long delay = call.control().delayMs();
    if (index == asked.count() || !call.open()) {
      call.end();
    } else if (delay > 0) {
      vertx.setTimer(delay, id -> {
        call.write(EchoProto.response(asked.message(), asked.payload(), index, 1));
        expandAfterDrain(call, asked, index + 1);
      });
    } else {
      int next = index;
      while (next < asked.count() && call.open() && !call.full()) {
        call.write(EchoProto.response(asked.message(), asked.payload(), next++, 1));
      }
      expandAfterDrain(call, asked, next);
    }
  }

  private void expandAfterDrain(EchoCall call, EchoProto.Request asked, int index) {
    if (call.full() && call.open()) {
      call.onDrain(() -> expandFrom(call, asked, index));
    } else {
      expandFrom(call, asked, index);
    }
  }

  private void collect(GrpcServerRequest<DynamicMessage, DynamicMessage> request) {
    EchoCall call = EchoCall.start(vertx, request, settings.maxDelayMs(), maxMessageBytes(settings));
    if (call == null) {
      return;
    }
    StringBuilder messages = new StringBuilder();
    ByteString[] payloads = {ByteString.EMPTY};
    long[] joined = {0};
    int[] count = {0};
    request.handler(message -> {
      EchoProto.Request asked = EchoProto.Request.of(message);
      count[0]++;
      joined[0] += asked.message().getBytes(StandardCharsets.UTF_8).length + asked.payload().size();
      if (joined[0] > settings.maxBodyBytes()) {
        request.handler(null);
        call.end(GrpcStatus.RESOURCE_EXHAUSTED, "Collect's requests joined are over " + settings.maxBodyBytes()
          + " bytes (http.maxBodyBytes)");
        return;
      }
      messages.append(asked.message());
      payloads[0] = payloads[0].concat(asked.payload());
    });
    request.endHandler(v -> {
      if (call.open() && call.control().ok()) {
        call.reply(EchoProto.response(messages.toString(), payloads[0], 0, count[0]));
      }
      call.end();
    });
  }

  private void chat(GrpcServerRequest<DynamicMessage, DynamicMessage> request) {
    EchoCall call = EchoCall.start(vertx, request, settings.maxDelayMs(), maxMessageBytes(settings));
    if (call == null) {
      return;
    }
    int[] count = {0};
    request.handler(message -> {
      EchoProto.Request asked = EchoProto.Request.of(message);
      count[0]++;
      call.reply(EchoProto.response(asked.message(), asked.payload(), call.replies(), count[0]));
    });
    request.endHandler(v -> call.end());
  }

  /** A call that takes exactly one request: {@code then} runs when the client has sent it and half-closed. */
  private void single(GrpcServerRequest<DynamicMessage, DynamicMessage> request, String method,
                      java.util.function.BiConsumer<EchoCall, EchoProto.Request> then) {
    EchoCall call = EchoCall.start(vertx, request, settings.maxDelayMs(), maxMessageBytes(settings));
    if (call == null) {
      return;
    }
    DynamicMessage[] first = {null};
    int[] count = {0};
    request.handler(message -> {
      count[0]++;
      first[0] = message;
    });
    request.endHandler(v -> {
      if (count[0] != 1) {
        call.end(GrpcStatus.INVALID_ARGUMENT, method + " takes one request and got " + count[0]);
      } else {
        then.accept(call, EchoProto.Request.of(first[0]));
      }
    });
  }
}
