package io.netecho.udp;

import io.netecho.events.DatagramEvents;
import io.netecho.events.Peer;
import io.netecho.log.OneLine;
import io.netecho.config.StartupException;
import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The UDP echo, Node's {@code dgram.createSocket('udp4')} answering every {@code 'message'}: each
 * datagram goes back to its sender as prefix + datagram, byte for byte, and is logged like a TCP
 * chunk, and counted in the node's statistics ({@link DatagramEvents}). Datagrams from source ports
 * below 1024 are counted and dropped, never answered: a reply to
 * another service's port (echo, chargen, DNS) could start a loop between two servers, which is why
 * FreeBSD's udp echo server does the same.
 *
 * <p>One socket per process, whatever the number of echo instances, served by the event loop of
 * the node that started it.
 */
public final class UdpEcho {

  /** Largest UDP payload (IPv6, no jumbograms); the receive buffer must hold it, or Netty cuts a datagram at 2048 bytes. */
  static final int MAX_DATAGRAM = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(UdpEcho.class);
  private static final int LOWEST_ANSWERED_PORT = 1024;

  private final NetEchoConfig config;
  private final DatagramEvents events;
  private final Buffer prefix;
  private boolean ignoredBefore;
  private DatagramSocket socket;

  private UdpEcho(NetEchoConfig config, DatagramEvents events) {
    this.config = config;
    this.events = events;
    this.prefix = Buffer.buffer(config.reply().prefix());
  }

  /**
   * Binds the UDP echo; fails with a {@link StartupException} when the port cannot be bound.
   * {@code events} is where it reports its datagrams.
   */
  public static Future<UdpEcho> listen(Vertx vertx, NetEchoConfig config, DatagramEvents events) {
    return new UdpEcho(config, events).listen(vertx);
  }

  /** Closes the socket; the port is free once the future completes. */
  public Future<Void> close() {
    return socket.close();
  }

  private Future<UdpEcho> listen(Vertx vertx) {
    String host = config.host();
    int port = config.udp().port();
    socket = vertx.createDatagramSocket(new DatagramSocketOptions()
      .setIpV6(host.indexOf(':') >= 0)
      .setReceiveBufferSize(MAX_DATAGRAM));
    socket.handler(this::onDatagram);
    socket.exceptionHandler(err -> LOG.warn("udp socket error: {}", OneLine.of(err)));
    return socket.listen(port, host)
      .map(listening -> {
        LOG.info("udp echo listening on port {}", listening.localAddress().port());
        return this;
      })
      .recover(err -> Future.failedFuture(new StartupException(
        "cannot listen on udp " + host + ":" + port + ": " + OneLine.of(err))));
  }

  /** Node's {@code 'message'}. */
  private void onDatagram(DatagramPacket packet) {
    SocketAddress sender = packet.sender();
    String peer = Peer.of(sender);
    Buffer data = packet.data();
    events.received(data.length());
    if (sender.port() < LOWEST_ANSWERED_PORT) {
      events.ignored();
      if (!ignoredBefore) {
        ignoredBefore = true;
        LOG.info("ignored a datagram from udp {}: source port below {} (no echo loops with other services); "
          + "further ones are counted and logged at debug", peer, LOWEST_ANSWERED_PORT);
      } else {
        LOG.debug("ignored a datagram from udp {}: source port below {}", peer, LOWEST_ANSWERED_PORT);
      }
      return;
    }
    if (config.log().data()) {
      LOG.info("{} from udp {}", LogText.escape(data, config.log().maxDataChars()), peer);
    }
    Buffer reply = reply(data);
    socket.send(reply, sender.port(), sender.hostAddress())
      .onSuccess(sent -> events.replied(reply.length()))
      .onFailure(err -> LOG.warn("udp reply to {} failed: {}", peer, OneLine.of(err)));
  }

  private Buffer reply(Buffer data) {
    if (prefix.length() == 0) {
      return data;
    }
    return Buffer.buffer(prefix.length() + data.length()).appendBuffer(prefix).appendBuffer(data);
  }
}
