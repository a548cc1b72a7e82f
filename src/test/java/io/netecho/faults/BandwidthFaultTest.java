package io.netecho.faults;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * faults.bandwidth end to end: replies leave no faster than the set rate, and every byte comes back.
 * How closely they keep to it is {@link TimedQueueTest}'s, on a clock of its own: here a loaded
 * machine may only slow them.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class BandwidthFaultTest {

  private static final int RATE = 64 * 1024;

  @Test
  void repliesLeaveNoFasterThanTheSetRate(Vertx vertx) throws Exception {
    FaultyEcho echo = FaultyEcho.deploy(vertx, new JsonObject()
      .put("reply", new JsonObject().put("prefix", ""))
      .put("faults", new JsonObject().put("bandwidth", new JsonObject().put("bytesPerSecond", RATE))));
    byte[] data = new byte[3 * RATE];
    new Random(7).nextBytes(data);
    try (Socket client = echo.connect()) {
      client.getOutputStream().write(data);
      InputStream in = client.getInputStream();
      ByteArrayOutputStream echoed = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      // the clock starts with the first bytes, then two seconds' worth are timed
      echoed.write(buffer, 0, in.read(buffer));
      long start = System.nanoTime();
      int timed = 0;
      while (timed < 2 * RATE) {
        int n = in.read(buffer);
        echoed.write(buffer, 0, n);
        timed += n;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = timed / seconds;
      assertTrue(rate <= 1.1 * RATE, "measured " + Math.round(rate) + " B/s over " + seconds + " s");
      byte[] got = echoed.toByteArray();
      assertArrayEquals(Arrays.copyOf(data, got.length), got);
    }
  }
}
