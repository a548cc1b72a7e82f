package io.netecho.grpc;

import com.google.protobuf.DynamicMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;

/**
 * One call to the Echo service, as its metadata shapes it ({@link CallControl}): its headers (the echoed
 * metadata) go out at once, each reply waits {@code x-echo-delay-ms} and leaves in order, and the call
 * ends with the status asked for, after its last reply, with the echoed metadata again in the trailers.
 *
 * <p>Backpressure: the request is no longer read while the replies' write queue is full or
 * {@value #MAX_WAITING} replies wait out their delay, and read again once they drain. A call the client
 * cancelled (or whose connection closed) writes nothing more.
 */
final class EchoCall {

  /** Replies waiting out their delay past which the request is paused. */
  static final int MAX_WAITING = 64;

  private final Vertx vertx;
  private final GrpcServerRequest<DynamicMessage, DynamicMessage> request;
  private final GrpcServerResponse<DynamicMessage, DynamicMessage> response;
  private final CallControl control;
  private Future<Void> last = Future.succeededFuture();
  private int waiting;
  private int sent;
  private boolean paused;
  private boolean over;

  private EchoCall(Vertx vertx, GrpcServerRequest<DynamicMessage, DynamicMessage> request, CallControl control) {
    this.vertx = vertx;
    this.request = request;
    this.response = request.response();
    this.control = control;
  }

  /**
   * Starts the call: its control entries read and its headers sent; null when an entry is bad, the call then
   * answered {@code INVALID_ARGUMENT} at once (trailers only, the echoed metadata in that one block).
   */
  static EchoCall start(Vertx vertx, GrpcServerRequest<DynamicMessage, DynamicMessage> request, int maxDelayMs,
                        int maxMessageBytes) {
    EchoedMetadata.copy(request.headers(), request.response().headers());
    CallControl control;
    try {
      control = CallControl.of(request.headers(), maxDelayMs);
    } catch (CallControl.BadMetadata bad) {
      request.response().status(GrpcStatus.INVALID_ARGUMENT).statusMessage(bad.getMessage()).end();
      return null;
    }
    EchoCall call = new EchoCall(vertx, request, control);
    request.errorHandler(error -> call.over = true);
    request.invalidMessageHandler(invalid -> {
      if (invalid instanceof MessageSizeOverflowException overflow) {
        call.end(GrpcStatus.RESOURCE_EXHAUSTED, "a request message of " + overflow.messageSize() + " bytes is over "
          + maxMessageBytes + " bytes (http.maxBodyBytes)");
      } else {
        // what Vert.x does with any other bad message, as with one it cannot decode: the stream is reset
        call.over = true;
        call.response.cancel();
      }
    });
    request.response().exceptionHandler(err -> call.over = true);
    request.response().writeHead();
    return call;
  }

  CallControl control() {
    return control;
  }

  /** Replies with {@code reply} once the delay is over and the replies before it are written. */
  void reply(DynamicMessage reply) {
    waiting++;
    flow();
    Future<Void> previous = last;
    Future<Void> due = control.delayMs() == 0 ? previous : Future.all(previous, vertx.timer(control.delayMs())).mapEmpty();
    last = due.map(v -> {
      waiting--;
      if (!over) {
        response.write(reply);
        sent++;
        flow();
      }
      return null;
    });
  }

  /**
   * Ends the call after the replies asked for so far: with the status asked for, its message and the echoed
   * metadata in the trailers. A call that made no reply waits the delay once before its status.
   */
  void end() {
    Future<Void> due = control.delayMs() > 0 && sent == 0 && waiting == 0
      ? vertx.timer(control.delayMs()).mapEmpty() : last;
    due.onComplete(v -> end(control.status(), control.message()));
  }

  /** Ends the call now, with {@code status}; the replies still waiting are not sent. */
  void end(GrpcStatus status, String message) {
    if (over) {
      return;
    }
    over = true;
    EchoedMetadata.copy(request.headers(), response.trailers());
    response.status(status);
    if (status != GrpcStatus.OK && message != null) {
      response.statusMessage(message);
    }
    response.end();
  }

  /** The index the next reply takes. */
  int replies() {
    return sent + waiting;
  }

  /** Whether the client may still be written to. */
  boolean open() {
    return !over;
  }

  /** Whether a reply written now would queue behind others not yet on the wire. */
  boolean full() {
    return response.writeQueueFull();
  }

  /** Writes {@code reply} now (Expand paces its own replies). */
  void write(DynamicMessage reply) {
    if (!over) {
      response.write(reply);
      sent++;
    }
  }

  /** Runs {@code then} once the replies' write queue drains. */
  void onDrain(Runnable then) {
    response.drainHandler(v -> {
      response.drainHandler(null);
      then.run();
    });
  }

  private void flow() {
    boolean stop = !over && (waiting >= MAX_WAITING || response.writeQueueFull());
    if (stop && !paused) {
      paused = true;
      request.pause();
      response.drainHandler(v -> flow());
    } else if (!stop && paused) {
      paused = false;
      response.drainHandler(null);
      request.resume();
    }
  }
}
