package io.netecho;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain blocking TCP client, so tests see exactly the bytes a user's client would. */
final class EchoClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;

  EchoClient(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
  }

  EchoClient send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  EchoClient send(String text) throws IOException {
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

  String readText(int n) throws IOException {
    return new String(read(n), StandardCharsets.UTF_8);
  }

  /** Everything until the server's FIN. */
  byte[] readToEnd() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }

  /** Data and FIN together, the tightest race for the server's 'end' handling. */
  void sendAndShutdownOutput(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.shutdownOutput();
  }

  /** Closes with a reset (RST) instead of a FIN, as a crashed client would. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  int localPort() {
    return socket.getLocalPort();
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
