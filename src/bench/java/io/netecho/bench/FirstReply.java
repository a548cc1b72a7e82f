package io.netecho.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The first client of a fresh server, as {@code nc} would be: connects, sends one line and waits
 * for the whole reply (prefix + line). Blocking, on the calling thread, so nothing else of the load
 * generator runs meanwhile.
 */
final class FirstReply {

  private static final byte[] LINE = "hello\n".getBytes(StandardCharsets.US_ASCII);

  private FirstReply() {
  }

  /** Sends the line and answers {@link System#nanoTime} when its reply was complete and exact. */
  static long exchange(InetSocketAddress server, String prefix, Duration limit) throws IOException {
    byte[] expected = (prefix + new String(LINE, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) limit.toMillis());
      socket.connect(server, (int) limit.toMillis());
      socket.getOutputStream().write(LINE);
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[expected.length];
      int read = 0;
      while (read < reply.length) {
        int n = in.read(reply, read, reply.length - read);
        if (n < 0) {
          throw new IOException("the server closed after " + read + " of " + reply.length + " reply bytes");
        }
        read += n;
      }
      long done = System.nanoTime();
      if (!Arrays.equals(reply, expected)) {
        throw new IOException("unexpected reply: " + new String(reply, StandardCharsets.UTF_8).strip());
      }
      return done;
    }
  }

  /**
   * Runs a few exchanges against an echo of this JVM's own, so the first measured one does not pay
   * for loading this JVM's socket classes.
   */
  static void warmUp(String prefix) throws IOException {
    try (ServerSocket echo = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try {
          while (true) {
            try (Socket client = echo.accept()) {
              byte[] line = client.getInputStream().readNBytes(LINE.length);
              OutputStream out = client.getOutputStream();
              out.write(prefix.getBytes(StandardCharsets.UTF_8));
              out.write(line);
            }
          }
        } catch (IOException closed) {
          // warm-up over
        }
      }, "first-reply warm-up");
      server.setDaemon(true);
      server.start();
      InetSocketAddress address = new InetSocketAddress(echo.getInetAddress(), echo.getLocalPort());
      for (int i = 0; i < 20; i++) {
        exchange(address, prefix, Duration.ofSeconds(5));
      }
    }
  }
}
