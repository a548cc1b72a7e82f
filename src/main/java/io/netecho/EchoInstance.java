package io.netecho;

import io.netecho.config.NetEchoConfig;
import io.netecho.events.ConnectionEvents;
import io.netecho.events.TrafficCounter;
import io.netecho.faults.FaultDealer;
import io.netecho.limit.ConnectionLimit;
import io.netecho.net.ReplyPrefix;
import io.vertx.core.Vertx;

/**
 * What every connection of one echo instance shares, resolved once when the instance starts: the
 * settings the per-chunk path reads, the reply prefix as bytes, the deployment's connection limit,
 * and where this event loop reports. {@code quiet} serves a connection without logging it (the
 * start-up warm-up). {@code faults} deals this port's faults to each new connection.
 */
record EchoInstance(Vertx vertx, String name, ReplyPrefix prefix, boolean logData, int maxDataChars, int delayMs,
                    boolean allowHalfOpen, int writeQueueMaxBytes, int idleTimeoutSeconds, ConnectionLimit limit,
                    ConnectionEvents events, TrafficCounter traffic, boolean quiet, FaultDealer faults) {

  static EchoInstance of(Vertx vertx, NetEchoConfig config, ConnectionLimit limit, ConnectionEvents events,
                         FaultDealer faults) {
    return new EchoInstance(vertx, Thread.currentThread().getName(), ReplyPrefix.of(config.reply().prefix()),
      config.log().data(), config.log().maxDataChars(), config.reply().delayMs(), config.allowHalfOpen(),
      config.writeQueueMaxBytes(), config.idleTimeoutSeconds(), limit, events, events.traffic(), false, faults);
  }

  /** The same echo on another port, which deals its own faults. */
  EchoInstance withFaults(FaultDealer other) {
    return new EchoInstance(vertx, name, prefix, logData, maxDataChars, delayMs, allowHalfOpen, writeQueueMaxBytes,
      idleTimeoutSeconds, limit, events, traffic, quiet, other);
  }

  /** The same echo, reporting nowhere and logging nothing. */
  EchoInstance quietly() {
    return new EchoInstance(vertx, name, prefix, false, maxDataChars, 0, allowHalfOpen, writeQueueMaxBytes,
      idleTimeoutSeconds, ConnectionLimit.none(), new ConnectionEvents() { }, TrafficCounter.NONE, true, FaultDealer.NONE);
  }
}
