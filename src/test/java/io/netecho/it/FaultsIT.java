package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults a real deployment meets: connection storms, floods over the limit, a stop mid-stream. */
@Timeout(240)
class FaultsIT extends ServerProcessTest {


  private static long openFds(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    }
  }

  private static long rssKiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS");
  }

  private static String conf(String extra) {
    return "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},\"log\":{\"data\":false}" + extra + "}";
  }

  @Test
  void fiveThousandConnectionsOpenedAndClosedFastLeakNoFileDescriptors() throws Exception {
    server = ServerProcess.jar("-instances", "2", "-conf", conf(""));
    int port = server.awaitListening();
    try (Socket warm = new Socket("127.0.0.1", port)) {
      warm.setSoTimeout(10_000);
      warm.getOutputStream().write('w');
      warm.getInputStream().readNBytes(12);
    }
    long before = openFds(server.pid());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        boolean reset = i % 2 == 0;
        all.add(CompletableFuture.runAsync(() -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            if (reset) {
              socket.setSoLinger(true, 0);
            }
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        }, pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    // The server closes its side as each close or reset reaches it; wait for the count to settle.
    long after = openFds(server.pid());
    for (int i = 0; i < 100 && after > before; i++) {
      Thread.sleep(100);
      after = openFds(server.pid());
    }
    assertTrue(after <= before, "file descriptors before " + before + ", after " + after);
    assertEquals("Repeating: alive", FatJarIT.echo(port, "alive"));
  }

  @Test
  void aFloodOverMaxConnectionsIsTurnedAwayWithBoundedMemory() throws Exception {
    server = ServerProcess.jar("-instances", "2", "-conf", conf(",\"maxConnections\":50"));
    int port = server.awaitListening();
    long rssBefore = rssKiB(server.pid());
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 2_000; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        held.add(socket);
      }
      long rssFlooded = rssKiB(server.pid());
      long growthMiB = (rssFlooded - rssBefore) / 1024;
      System.out.printf("flood: 2000 connections over maxConnections=50; server RSS +%d MiB%n", growthMiB);
      assertTrue(growthMiB < 64, "RSS grew " + growthMiB + " MiB");
      // the last connections were over the limit: the server closed them at once
      Socket late = held.get(held.size() - 1);
      late.setSoTimeout(10_000);
      assertEquals(-1, late.getInputStream().read());
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    server.await("connection limit 50 reached", 10);
    // once the flood is gone, a client gets served again (its slot frees as closes arrive)
    String reply = "";
    for (int attempt = 0; attempt < 50 && reply.isEmpty(); attempt++) {
      try {
        reply = FatJarIT.echo(port, "after the flood");
      } catch (IOException closedAtOnce) {
        reply = "";
      }
      if (reply.isEmpty()) {
        Thread.sleep(100);
      }
    }
    assertEquals("Repeating: after the flood", reply);
  }

  @Test
  void sigtermWhileTwoHundredClientsStreamEchoesWhatWasReceivedThenFinsAndExitsZero() throws Exception {
    server = ServerProcess.jar("-instances", "2", "-conf", conf(",\"reply\":{\"prefix\":\"\"}"));
    int port = server.awaitListening();
    int clients = 200;
    ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
    AtomicBoolean signalled = new AtomicBoolean();
    try {
      List<CompletableFuture<String>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        byte[] stream = new byte[8 * 1024 * 1024];
        new Random(c).nextBytes(stream);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
          int sent = 0;
          try {
            OutputStream out = socket.getOutputStream();
            // streams until the signal: after it, what counts is the server's drain, which 200 writers
            // competing for two cores with it would only slow down
            while (sent < stream.length && !socket.isClosed() && !signalled.get()) {
              int n = Math.min(4096, stream.length - sent);
              out.write(stream, sent, n);
              sent += n;
            }
          } catch (IOException expectedOnceTheServerIsGone) {
            // the server stops reading after its FIN; what it echoed is checked by the reader
          }
          return sent;
        }, pool);
        results.add(CompletableFuture.supplyAsync(() -> {
          ByteArrayOutputStream echoed = new ByteArrayOutputStream();
          try (socket) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
              echoed.write(buffer, 0, n);
            }
          } catch (IOException e) {
            return "connection failed before a clean FIN: " + e;
          }
          byte[] got = echoed.toByteArray();
          if (!Arrays.equals(got, Arrays.copyOf(stream, got.length))) {
            return "echo is not a prefix of what was sent";
          }
          return signalled.get() ? "ok" : "ended before the signal";
        }, pool));
        writer.hashCode();
      }
      server.await("connected 127.0.0.1", 10);
      Thread.sleep(500);
      signalled.set(true);
      server.terminate();
      for (CompletableFuture<String> result : results) {
        assertEquals("ok", result.get(60, TimeUnit.SECONDS));
      }
      assertEquals(0, server.awaitExit(30), server.output());
    } finally {
      pool.shutdownNow();
    }
  }
}
