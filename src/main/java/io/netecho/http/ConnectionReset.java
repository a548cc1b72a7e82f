package io.netecho.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Closes an HTTP connection with a reset (RST) instead of a FIN: SO_LINGER 0 makes the close abortive,
 * so the client's next read fails with ECONNRESET. Vert.x has no public way to set it on an accepted
 * connection, hence the channel.
 */
final class ConnectionReset {

  private ConnectionReset() {
  }

  static void of(HttpConnection connection) {
    Channel channel = connection instanceof ConnectionBase base ? base.channel() : null;
    if (channel != null && channel.isActive()) {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
    }
    connection.close();
  }
}
