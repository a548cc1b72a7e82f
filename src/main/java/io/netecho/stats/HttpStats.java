package io.netecho.stats;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.netecho.faults.FaultCounter;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP and WebSocket echo's counters, one set per node: every instance's event loop adds to
 * them (hence adders, not atomics), any thread reads them. {@code /stats} shows {@link #toJson},
 * {@code /metrics} the meters of {@link #bindTo}.
 */
public final class HttpStats {

  /** The fields of {@link #toJson}, summed across nodes like the other node counters. */
  public static final String[] FIELDS = {"httpRequests", "httpTooLarge", "httpBytesIn", "httpBytesOut",
    "webSockets", "webSocketMessages", "webSocketTooLarge", "webSocketBytesIn", "webSocketBytesOut", "grpcCalls"};

  private final FaultCounter faults;
  private final LongAdder requests = new LongAdder();
  private final LongAdder tooLarge = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder webSockets = new LongAdder();
  private final LongAdder messages = new LongAdder();
  private final LongAdder messagesTooLarge = new LongAdder();
  private final LongAdder messageBytesIn = new LongAdder();
  private final LongAdder messageBytesOut = new LongAdder();
  private final LongAdder grpcCalls = new LongAdder();

  /** The HTTP port counts its faults ({@code rst}, {@code goaway}, the WebSockets' faults) into {@code faults}. */
  public HttpStats(FaultCounter faults) {
    this.faults = faults;
  }

  public HttpStats() {
    this(FaultCounter.NONE);
  }

  /**
   * A request asked for a fault: {@code requestReset}, {@code requestTruncate}, {@code requestHang},
   * {@code rst} or {@code goaway}.
   */
  public void requestFault(String kind) {
    faults.dealt(FaultCounter.HTTP, kind);
  }

  /** A WebSocket asked for faults on its upgrade (a delay, a close, a drop): each counted once. */
  public void webSocketFaults(boolean delay, boolean close, boolean drop) {
    if (delay) {
      faults.dealt(FaultCounter.HTTP, "wsDelay");
    }
    if (close) {
      faults.dealt(FaultCounter.HTTP, "wsClose");
    }
    if (drop) {
      faults.dealt(FaultCounter.HTTP, "wsDrop");
    }
  }

  /** A request arrived (a WebSocket upgrade counts under {@link #webSocketOpened} instead). */
  public void request() {
    requests.increment();
  }

  /** A request body over {@code http.maxBodyBytes} was answered 413. */
  public void tooLarge() {
    tooLarge.increment();
  }

  /** Body bytes read from a request, echoed or not. */
  public void received(long bytes) {
    bytesIn.add(bytes);
  }

  /** Body bytes of a response. */
  public void sent(long bytes) {
    bytesOut.add(bytes);
  }

  public void webSocketOpened() {
    webSockets.increment();
  }

  /** A whole (reassembled) WebSocket message of {@code bytes} arrived. */
  public void messageReceived(long bytes) {
    messages.increment();
    messageBytesIn.add(bytes);
  }

  public void messageSent(long bytes) {
    messageBytesOut.add(bytes);
  }

  /** A WebSocket was closed with 1009 for a message over {@code http.maxWebSocketMessageBytes}. */
  public void messageTooLarge() {
    messagesTooLarge.increment();
  }

  /** A gRPC call arrived (any service, any method, known or not); it is not among {@link #request}'s. */
  public void grpcCall() {
    grpcCalls.increment();
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put(FIELDS[0], requests.sum())
      .put(FIELDS[1], tooLarge.sum())
      .put(FIELDS[2], bytesIn.sum())
      .put(FIELDS[3], bytesOut.sum())
      .put(FIELDS[4], webSockets.sum())
      .put(FIELDS[5], messages.sum())
      .put(FIELDS[6], messagesTooLarge.sum())
      .put(FIELDS[7], messageBytesIn.sum())
      .put(FIELDS[8], messageBytesOut.sum())
      .put(FIELDS[9], grpcCalls.sum());
  }

  /** Registers the meters; they read the counters when scraped. */
  public void bindTo(MeterRegistry registry) {
    counter(registry, "netecho.http.requests", "HTTP echo requests", null, requests);
    counter(registry, "netecho.http.requests.too.large", "HTTP echo requests answered 413", null, tooLarge);
    counter(registry, "netecho.http.received", "HTTP echo request body bytes", BaseUnits.BYTES, bytesIn);
    counter(registry, "netecho.http.sent", "HTTP echo response body bytes", BaseUnits.BYTES, bytesOut);
    counter(registry, "netecho.websocket.connections", "WebSockets opened at /ws", null, webSockets);
    counter(registry, "netecho.websocket.messages", "WebSocket messages received", null, messages);
    counter(registry, "netecho.websocket.messages.too.large", "WebSockets closed with 1009 for an oversize message",
      null, messagesTooLarge);
    counter(registry, "netecho.websocket.received", "WebSocket message bytes received", BaseUnits.BYTES, messageBytesIn);
    counter(registry, "netecho.websocket.sent", "WebSocket message bytes sent", BaseUnits.BYTES, messageBytesOut);
    counter(registry, "netecho.grpc.calls", "gRPC calls on the HTTP echo port", null, grpcCalls);
  }

  private static void counter(MeterRegistry registry, String name, String description, String unit, LongAdder count) {
    FunctionCounter.builder(name, count, LongAdder::sum)
      .description(description)
      .baseUnit(unit)
      .register(registry);
  }
}
