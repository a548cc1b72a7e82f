package io.netecho.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A plain blocking TCP client, so tests see exactly the bytes a user's client would. */
public class EchoClient implements AutoCloseable {

  protected final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public EchoClient(int port) throws IOException {
    this(connect(port));
  }

  /** A client over an already connected socket (TLS clients layer one over TCP). */
  public EchoClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  public static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  public EchoClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  public EchoClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Exactly n bytes, or an exception when the server ends or stalls first. */
  public byte[] read(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("connection ended after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  public String readText(int n) throws IOException {
    return new String(read(n), StandardCharsets.UTF_8);
  }

  /** Everything until the server's end (its FIN; over TLS, its close_notify). */
  public byte[] readToEnd() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }

  public String readTextToEnd() throws IOException {
    return new String(readToEnd(), StandardCharsets.UTF_8);
  }

  /** {@link #readToEnd} on another thread, for a test that writes while the echo comes back. */
  public CompletableFuture<byte[]> readToEndAsync() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return readToEnd();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Data and FIN together, the tightest race for the server's 'end' handling. */
  public void sendAndShutdownOutput(byte[] bytes) throws IOException {
    out.write(bytes);
    shutdownOutput();
  }

  /** Our FIN: the write side ends, reading goes on. */
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Closes with a reset (RST) instead of a FIN, as a crashed client would. */
  public void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  public int localPort() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
