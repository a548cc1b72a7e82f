package io.netecho.udp;

import io.netecho.DatagramEvents;
import io.netecho.OneLine;
import io.netecho.StartupException;
import io.netecho.admin.NodeServices;
import io.netecho.config.NetEchoConfig;
import io.netecho.log.LogText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The UDP echo, Node's {@code dgram.createSocket('udp4')} answering every {@code 'message'}: each
 * datagram goes back to its sender as prefix + datagram, byte for byte, and is logged like a TCP
 * chunk, and counted in the node's statistics ({@link DatagramEvents}). A datagram that could start
 * or feed a loop ({@link DatagramFilter}) or that is over the rate limits ({@link DatagramRate}) is
 * counted by reason and dropped, never answered; the drops are logged at most once a second
 * ({@link DropLog}). UDP's source address is not authenticated: a reply goes wherever a forged
 * datagram says, which is why an echo must never amplify nor answer without limit.
 *
 * <p>One socket per deployment, whatever its number of instances, served by the event loop of the
 * instance that started it; undeploying closes it.
 */
public final class UdpEcho implements Shareable {

  /** Largest UDP payload (IPv6, no jumbograms); the receive buffer must hold it, or Netty cuts a datagram at 2048 bytes. */
  static final int MAX_DATAGRAM = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(UdpEcho.class);
  private static final String ECHOES = "netecho.udp";

  private final NetEchoConfig config;
  private final DatagramEvents events;
  private final Buffer prefix;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private final DatagramFilter filter;
  private final DatagramRate rate;
  private DropLog drops;
  private DatagramSocket socket;
  private int ownPort;

  private UdpEcho(NetEchoConfig config, DatagramEvents events) {
    this.config = config;
    this.events = events;
    this.prefix = Buffer.buffer(config.reply().prefix());
    this.filter = new DatagramFilter(prefix);
    this.rate = new DatagramRate(config.udpLimits(), System.nanoTime());
  }

  /**
   * Starts the deployment's UDP echo when {@code udp.enabled}, if no other instance of the
   * deployment did; completes with it, or null when this instance does not run it. Fails with a
   * {@link StartupException} when the port cannot be bound.
   */
  public static Future<UdpEcho> startOnce(Vertx vertx, String deploymentId, NetEchoConfig config) {
    if (!config.udp().enabled()) {
      return Future.succeededFuture();
    }
    LocalMap<String, UdpEcho> echoes = vertx.sharedData().getLocalMap(ECHOES);
    UdpEcho echo = new UdpEcho(config, NodeServices.datagrams(vertx));
    if (echoes.putIfAbsent(deploymentId, echo) != null) {
      return Future.succeededFuture();
    }
    Future<UdpEcho> listening = echo.listen(vertx);
    // undeploy waits for this: the port is free again once undeploy completes
    ((ContextInternal) vertx.getOrCreateContext()).addCloseHook(done -> echo.socket.close().onComplete(closed -> {
      echoes.remove(deploymentId);
      done.succeed();
    }));
    return listening;
  }

  /** The UDP echo of a deployment, or null. */
  public static UdpEcho of(Vertx vertx, String deploymentId) {
    return vertx.sharedData().<String, UdpEcho>getLocalMap(ECHOES).get(deploymentId);
  }

  /** Datagrams answered (or being answered). */
  public long received() {
    return received.get();
  }

  /** Datagrams dropped unanswered, for any {@link DropReason}. */
  public long ignored() {
    return ignored.get();
  }

  private Future<UdpEcho> listen(Vertx vertx) {
    String host = config.udpLimits().host() != null ? config.udpLimits().host() : config.host();
    int port = config.udp().port();
    drops = new DropLog(vertx);
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
      .recover(err -> Future.failedFuture(new StartupException(
        "cannot listen on udp " + host + ":" + port + ": " + OneLine.of(err))));
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
      ignored.incrementAndGet();
      drops.dropped(drop, describe(sender));
      return;
    }
    received.incrementAndGet();
    String peer = describe(sender);
    if (config.log().data()) {
      LOG.info("{} from udp {}", LogText.escape(data, config.log().maxDataChars()), peer);
    }
    Buffer reply = reply(data);
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

  private Buffer reply(Buffer data) {
    if (prefix.length() == 0) {
      return data;
    }
    return Buffer.buffer(prefix.length() + data.length()).appendBuffer(prefix).appendBuffer(data);
  }

  private static String describe(SocketAddress address) {
    String host = address.hostAddress() != null ? address.hostAddress() : address.host();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.port();
  }
}
