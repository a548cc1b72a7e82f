package io.netecho.tls;

import io.netecho.testing.EchoClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;

/** A blocking JDK TLS client, strict about the end of the stream: a FIN without close_notify fails the read. */
final class TlsClient extends EchoClient {

  static {
    // The JDK takes a bare FIN as a clean end of a TLS stream unless told otherwise (read once,
    // when the first SSLSocket class loads): strict, a server that forgets close_notify is caught.
    System.setProperty("com.sun.net.ssl.requireCloseNotify", "true");
  }

  private final Socket tcp;

  TlsClient(SSLContext context, int port, String... protocols) throws IOException {
    this(connect(port), context, port, protocols);
  }

  // TLS over a TCP socket of our own, so the two layers can be shut apart (closeNotifyOnly)
  private TlsClient(Socket tcp, SSLContext context, int port, String... protocols) throws IOException {
    super(handshake(tcp, context, port, protocols));
    this.tcp = tcp;
  }

  private static SSLSocket handshake(Socket tcp, SSLContext context, int port, String... protocols) throws IOException {
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, false);
    if (protocols.length > 0) {
      tls.setEnabledProtocols(protocols);
    }
    tls.startHandshake();
    return tls;
  }

  /** Our close_notify, then our FIN: TLS half-close. */
  @Override
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
    tcp.shutdownOutput();
  }

  /** Our close_notify only; TCP stays open both ways (TLS 1.3 half-close without a FIN). */
  void closeNotifyOnly() throws IOException {
    socket.shutdownOutput();
  }

  /**
   * Writes raw bytes on the TCP connection, between TLS records, as someone on the path could: the
   * TLS socket writes each record as it is sent, so these land after everything sent before.
   */
  void injectRaw(byte[] bytes) throws IOException {
    tcp.getOutputStream().write(bytes);
    tcp.getOutputStream().flush();
  }

  /** Whether our FIN went out. */
  boolean tcpOutputShut() {
    return tcp.isOutputShutdown();
  }

  /** The TLS socket, for its session or a second handshake. */
  SSLSocket tls() {
    return (SSLSocket) socket;
  }

  String protocol() {
    return ((SSLSocket) socket).getSession().getProtocol();
  }

  @Override
  public void close() throws IOException {
    try {
      socket.close();
    } finally {
      tcp.close();
    }
  }
}
