package io.netecho;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking JDK TLS client, strict about the end of the stream: a FIN without close_notify fails the read. */
final class TlsClient implements AutoCloseable {

  static {
    // The JDK takes a bare FIN as a clean end of a TLS stream unless told otherwise (read once,
    // when the first SSLSocket class loads): strict, a server that forgets close_notify is caught.
    System.setProperty("com.sun.net.ssl.requireCloseNotify", "true");
  }

  private final Socket tcp;
  private final SSLSocket socket;
  private final InputStream in;

  TlsClient(SSLContext context, int port, String... protocols) throws IOException {
    // TLS over a TCP socket of our own, so the two layers can be shut apart (closeNotifyOnly)
    tcp = new Socket();
    tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    tcp.setTcpNoDelay(true);
    socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, false);
    socket.setSoTimeout(10_000);
    if (protocols.length > 0) {
      socket.setEnabledProtocols(protocols);
    }
    socket.startHandshake();
    in = socket.getInputStream();
  }

  TlsClient send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  TlsClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Exactly n bytes, or an exception when the server ends or stalls first. */
  byte[] read(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("connection ended after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  /** Everything until the server's close_notify (a FIN without one throws). */
  String readToEnd() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }

  /** Our close_notify, then our FIN: TLS half-close. */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
    tcp.shutdownOutput();
  }

  /** Our close_notify only; TCP stays open both ways (TLS 1.3 half-close without a FIN). */
  void closeNotifyOnly() throws IOException {
    socket.shutdownOutput();
  }

  /** Whether our FIN went out. */
  boolean tcpOutputShut() {
    return tcp.isOutputShutdown();
  }

  String protocol() {
    return socket.getSession().getProtocol();
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
