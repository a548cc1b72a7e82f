package io.netecho.udp;

import io.netecho.events.DropReason;
import io.netecho.events.DatagramEvents;
import io.netecho.events.Peer;
import io.netecho.log.OneLine;
import io.netecho.config.StartupException;
import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.netecho.log.RateLimitedLog;
import io.netecho.net.ReplyPrefix;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The UDP echo, Node's {@code dgram.createSocket('udp4')} answering every {@code 'message'}: each
 * datagram goes back to its sender as prefix + datagram, byte for byte, and is logged like a TCP
 * chunk, and counted in the node's statistics ({@link DatagramEvents}). A datagram that could start
 * or feed a loop ({@link DatagramFilter}) or that is over the rate limits ({@link DatagramRate}) is
 * counted by reason and dropped, never answered; the drops are logged at most once a second, the
 * first after a quiet second at once, the rest summed up by reason ({@link RateLimitedLog}). UDP's source address is not authenticated: a reply goes wherever a forged
 * datagram says, which is why an echo must never amplify nor answer without limit.
 *
 * <p>One socket per process, whatever the number of echo instances, served by the event loop of
 * the node that started it.
 */
public final class UdpEcho {

  /** Largest UDP payload (IPv6, no jumbograms); the receive buffer must hold it, or Netty cuts a datagram at 2048 bytes. */
  static final int MAX_DATAGRAM = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(UdpEcho.class);

  private final NetEchoConfig config;
  private final DatagramEvents events;
  private final ReplyPrefix prefix;
  private final DatagramFilter filter;
  private final DatagramRate rate;
  private final RateLimitedLog drops = RateLimitedLog.counting(LOG, Level.INFO, 1000,
    "udp echo ignored {} datagram{} ({}), the last from udp {}; no reply sent", new Ignored());
  private DatagramSocket socket;
  private int ownPort;

  private UdpEcho(NetEchoConfig config, DatagramEvents events) {
    this.config = config;
    this.events = events;
    this.prefix = ReplyPrefix.of(config.reply().prefix());
    this.filter = new DatagramFilter(prefix.bytes());
    this.rate = new DatagramRate(config.udp().limits(), System.nanoTime());
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
    String host = config.udp().limits().host() != null ? config.udp().limits().host() : config.host();
    int port = config.udp().port();
    socket = vertx.createDatagramSocket(new DatagramSocketOptions()
      .setIpV6(host.indexOf(':') >= 0)
      .setReceiveBufferSize(MAX_DATAGRAM));
    socket.handler(this::onDatagram);
    socket.exceptionHandler(err -> LOG.warn("udp socket error: {}", OneLine.of(err)));
    return socket.listen(port, host)
      .map(listening -> {
        ownPort = listening.localAddress().port();
        LOG.info("udp echo listening on port {}", listening.localAddress().port());
        return this;
      })
      .recover(StartupException.cannotListen("udp", host, port));
  }

  /** Node's {@code 'message'}. */
  private void onDatagram(DatagramPacket packet) {
    SocketAddress sender = packet.sender();
    Buffer data = packet.data();
    events.received(data.length());
    DropReason drop = filter.check(sender.port(), ownPort(), data);
    if (drop == null) {
      drop = rate.admit(sender.hostAddress(), System.nanoTime());
    }
    if (drop != null) {
      events.ignored(drop);
      drops.log(drop, Peer.of(sender));
      return;
    }
    String peer = Peer.of(sender);
    if (config.log().data()) {
      LOG.info("{} from udp {}", LogText.escape(data, config.log().maxDataChars()), peer);
    }
    Buffer reply = prefix.before(data);
    socket.send(reply, sender.port(), sender.hostAddress())
      .onSuccess(sent -> events.replied(reply.length()))
      .onFailure(err -> LOG.warn("udp reply to {} failed: {}", peer, OneLine.of(err)));
  }

  /** The port we are bound to; known once listening, and a datagram cannot arrive before. */
  private int ownPort() {
    if (ownPort == 0) {
      ownPort = socket.localAddress().port();
    }
    return ownPort;
  }

  /** What a drop line tells of the datagrams it counts: how many for each reason, and the last one's sender. */
  private static final class Ignored implements RateLimitedLog.Tally {

    private final Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
    private Object lastPeer;

    @Override
    public void add(Object[] args) {
      counts.merge((DropReason) args[0], 1L, Long::sum);
      lastPeer = args[1];
    }

    @Override
    public Object[] take() {
      if (counts.isEmpty()) {
        return null;
      }
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      StringJoiner reasons = new StringJoiner(", ");
      counts.forEach((reason, count) -> reasons.add(count + " " + reason.text()));
      counts.clear();
      return new Object[] {total, total == 1 ? "" : "s", reasons.toString(), lastPeer};
    }
  }
}
