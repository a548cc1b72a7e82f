package io.netecho.cluster;

import io.netecho.events.Connection;
import io.netecho.events.ConnectionEvents;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Publishes every connect, {@code 'end'} (FIN received) and {@code 'close'} as JSON on
 * {@value #ADDRESS}, for any consumer on any node: {@code event}, {@code node}, {@code instance},
 * {@code remote}, {@code time} (ISO-8601), and on close {@code bytesIn} and {@code bytesOut}.
 */
public final class ConnectionEventPublisher implements ConnectionEvents {

  public static final String ADDRESS = "netecho.events";

  private final EventBus bus;
  private final String node;

  public ConnectionEventPublisher(EventBus bus, String node) {
    this.bus = bus;
    this.node = node;
  }

  @Override
  public void connected(Connection connection) {
    bus.publish(ADDRESS, event("connected", connection));
  }

  @Override
  public void ended(Connection connection) {
    bus.publish(ADDRESS, event("end", connection));
  }

  @Override
  public void closed(Connection connection) {
    bus.publish(ADDRESS, event("close", connection)
      .put("bytesIn", connection.bytesIn())
      .put("bytesOut", connection.bytesOut()));
  }

  private JsonObject event(String name, Connection connection) {
    return new JsonObject()
      .put("event", name)
      .put("node", node)
      .put("instance", connection.instance())
      .put("remote", connection.peer())
      .put("time", Instant.now().toString());
  }
}
