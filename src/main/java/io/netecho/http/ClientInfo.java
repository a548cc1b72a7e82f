package io.netecho.http;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

import java.time.Instant;

/**
 * What a client looks like from here, tcpbin-style, for {@code GET /info} and the info port: its
 * address and port as seen (after a PROXY protocol header, the header's), this node's id when
 * clustered, the TLS protocol and cipher when the connection is TLS and the whole handshake under
 * {@code tls} ({@link io.netecho.tls.TlsHandshake}), and the server time (ISO-8601).
 */
final class ClientInfo {

  private ClientInfo() {
  }

  /** {@code node}: this node's cluster id, null when it is not clustered; {@code tls}: null without TLS. */
  static JsonObject of(String node, SocketAddress client, JsonObject tls) {
    return new JsonObject()
      .put("address", client == null ? null : client.hostAddress() != null ? client.hostAddress() : client.host())
      .put("port", client == null ? null : client.port())
      .put("node", node)
      .put("tlsProtocol", tls == null ? null : tls.getString("protocol"))
      .put("tlsCipher", tls == null ? null : tls.getString("cipherSuite"))
      .put("tls", tls)
      .put("time", Instant.now().toString());
  }
}
