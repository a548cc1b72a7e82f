package io.netecho.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends without reading makes the server stop reading it: the server's memory stays
 * bounded (Node's example grows without end), and once the client reads, every byte arrives.
 */
@Timeout(180)
class SlowReaderIT extends ServerProcessTest {

  private static final long TOTAL = 200L * 1024 * 1024;


  private static long rssKiB(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  @Test
  void twoHundredMebibytesUnreadLeaveServerMemoryBoundedAndAllArriveOnceRead() throws Exception {
    server = ServerProcess.jar("-instances", "1", "-conf",
      "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},\"reply\":{\"prefix\":\"\"},\"log\":{\"data\":false}}");
    int port = server.awaitListening();
    long rssBefore = rssKiB(server.pid());
    try (Socket client = new Socket("127.0.0.1", port)) {
      AtomicLong written = new AtomicLong();
      MessageDigest sentDigest = MessageDigest.getInstance("SHA-256");
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        byte[] block = new byte[64 * 1024];
        Random random = new Random(7);
        try {
          OutputStream out = client.getOutputStream();
          while (written.get() < TOTAL) {
            random.nextBytes(block);
            sentDigest.update(block);
            out.write(block);
            written.addAndGet(block.length);
          }
          client.shutdownOutput();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      // Nothing signals "the server stopped reading": wait until the writer makes no progress.
      long last = -1;
      while (written.get() != last) {
        last = written.get();
        Thread.sleep(500);
      }
      long stalledAt = written.get();
      long rssStalled = rssKiB(server.pid());
      assertTrue(stalledAt < 64L * 1024 * 1024, "the server kept reading: " + stalledAt + " bytes accepted unread");

      MessageDigest echoedDigest = MessageDigest.getInstance("SHA-256");
      long echoed = 0;
      InputStream in = client.getInputStream();
      byte[] buffer = new byte[256 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        echoedDigest.update(buffer, 0, n);
        echoed += n;
      }
      writer.get(60, TimeUnit.SECONDS);
      assertEquals(TOTAL, echoed);
      assertArrayEquals(sentDigest.digest(), echoedDigest.digest());
      long growthMiB = (rssStalled - rssBefore) / 1024;
      System.out.printf("slow reader: stalled after %d KiB unread; server RSS %d MiB -> %d MiB (+%d MiB)%n",
        stalledAt / 1024, rssBefore / 1024, rssStalled / 1024, growthMiB);
      assertTrue(growthMiB < 64, "server RSS grew " + growthMiB + " MiB with a slow reader");
    }
  }
}
