package io.netecho.http;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.cluster.ClusterManager;

import javax.net.ssl.SSLSession;
import java.time.Instant;

/**
 * What a client looks like from here, tcpbin-style, for {@code GET /info} and the info port: its
 * address and port as seen (after a PROXY protocol header, the header's), this node's id when
 * clustered, the TLS protocol and cipher when the connection is TLS, and the server time (ISO-8601).
 */
final class ClientInfo {

  private ClientInfo() {
  }

  static JsonObject of(Vertx vertx, SocketAddress client, SSLSession tls) {
    return new JsonObject()
      .put("address", client == null ? null : client.hostAddress() != null ? client.hostAddress() : client.host())
      .put("port", client == null ? null : client.port())
      .put("node", nodeId(vertx))
      .put("tlsProtocol", tls == null ? null : tls.getProtocol())
      .put("tlsCipher", tls == null ? null : tls.getCipherSuite())
      .put("time", Instant.now().toString());
  }

  private static String nodeId(Vertx vertx) {
    ClusterManager cluster = vertx instanceof VertxInternal internal ? internal.clusterManager() : null;
    return cluster == null ? null : cluster.getNodeId();
  }
}
