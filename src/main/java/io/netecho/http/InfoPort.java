package io.netecho.http;

import io.netecho.events.Peer;
import io.netecho.net.NodeSocket;
import io.netecho.proxy.ProxyProtocol;
import io.netecho.config.NetEchoConfig;
import io.netecho.tls.TlsHandshake;
import io.netecho.tls.TlsServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP info port, tcpbin-style: every connection is answered with one JSON line about itself
 * ({@link ClientInfo}), then our FIN; what the client sends is read and dropped. TLS when
 * {@code tls.enabled}, a PROXY protocol header first when {@code proxyProtocol}, like the echo port.
 */
final class InfoPort {

  /** How long a client may keep its side open after our FIN before the connection is closed. */
  static final long LINGER_MS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(InfoPort.class);

  private InfoPort() {
  }

  static Future<NetServer> listen(Vertx vertx, NetEchoConfig config, TlsServer tls, int port, String node) {
    NetServerOptions options = ProxyProtocol.apply(new NetServerOptions().setHost(config.host()), config);
    return tls.createServer(vertx, options, socket -> answer(vertx, socket, node)).listen(port, config.host());
  }

  private static void answer(Vertx vertx, NetSocket raw, String node) {
    NodeSocket socket = NodeSocket.of(raw);
    String peer = Peer.of(raw.remoteAddress());
    LOG.info("info for {}", peer);
    long linger = vertx.setTimer(LINGER_MS, id -> raw.close());
    raw.closeHandler(v -> vertx.cancelTimer(linger));
    raw.exceptionHandler(err -> LOG.debug("info connection {}: {}", peer, err.getMessage()));
    socket.handler(ignored -> { });
    socket.write(Buffer.buffer(ClientInfo.of(node, raw.remoteAddress(), TlsHandshake.of(raw)).encode()).appendString("\n"));
    socket.end();
  }
}
