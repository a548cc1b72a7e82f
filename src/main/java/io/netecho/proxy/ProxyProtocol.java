package io.netecho.proxy;

import io.netecho.config.NetEchoConfig;
import io.netecho.log.Causes;
import io.netecho.log.LogText;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.impl.HAProxyMessageCompletionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The PROXY protocol (HAProxy's, v1 text and v2 binary) on a TCP listener: a load balancer in front
 * of net-echo starts each connection with a header naming the real client, and Vert.x (with
 * netty-codec-haproxy) reads it before the connect handler runs, so {@code remoteAddress()}, and with
 * it every log line, event, statistic and per-address limit, is the client's, not the balancer's.
 *
 * <p>A connection whose first bytes are not a valid header is closed by the decoder; Vert.x reports
 * it to the server's exception handler, which {@link #rejected} turns into one log line. (A client
 * that sends less than a header and waits is closed by Vert.x after {@code proxyProtocolTimeoutMs}
 * without a report, so without a line.)
 */
public final class ProxyProtocol {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocol.class);
  /** The decoder's message may quote what the client sent. */
  private static final int MAX_LOGGED_CHARS = 200;

  private ProxyProtocol() {
  }

  /** Makes {@code options} expect a header first, when {@code proxyProtocol} is on; returns them. */
  public static <T extends NetServerOptions> T apply(T options, NetEchoConfig config) {
    if (config.proxyProtocol().enabled()) {
      options.setUseProxyProtocol(true)
        .setProxyProtocolTimeout(config.proxyProtocol().timeoutMs())
        .setProxyProtocolTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    return options;
  }

  /**
   * True, after one log line, when {@code failure} is a connection closed for its PROXY header (not
   * one, malformed, too long, or naming a UDP client); false for any other failure.
   */
  public static boolean rejected(Throwable failure) {
    if (failure == HAProxyMessageCompletionHandler.UNSUPPORTED_PROTOCOL_EXCEPTION) {
      LOG.warn("closed a connection whose PROXY protocol header names a datagram (UDP) client: not served here");
      return true;
    }
    // the decoder wraps its own exception: the innermost one says what was wrong
    HAProxyProtocolException invalid = Causes.innermost(failure, HAProxyProtocolException.class);
    if (invalid == null) {
      return false;
    }
    String reason = invalid.getMessage() != null ? invalid.getMessage() : "not a PROXY protocol header";
    LOG.warn("closed a connection without a valid PROXY protocol header: {}",
      LogText.escape(Buffer.buffer(reason.strip()), MAX_LOGGED_CHARS));
    return true;
  }
}
