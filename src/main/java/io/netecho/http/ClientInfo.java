package io.netecho.http;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

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

  /** {@code node}: this node's cluster id, null when it is not clustered. */
  static JsonObject of(String node, SocketAddress client, SSLSession tls) {
    return new JsonObject()
      .put("address", client == null ? null : client.hostAddress() != null ? client.hostAddress() : client.host())
      .put("port", client == null ? null : client.port())
      .put("node", node)
      .put("tlsProtocol", tls == null ? null : tls.getProtocol())
      .put("tlsCipher", tls == null ? null : tls.getCipherSuite())
      .put("time", Instant.now().toString());
  }
}
