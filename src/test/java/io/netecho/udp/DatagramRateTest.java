package io.netecho.udp;

import io.netecho.events.DropReason;
import io.netecho.config.NetEchoConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The token buckets of the UDP echo, driven by a clock of the test's own. */
class DatagramRateTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aSourceGetsItsBurstThenItsRate() {
    DatagramRate rate = new DatagramRate(new NetEchoConfig.UdpLimits(null, 10, 3, 0), 0);
    for (int i = 0; i < 3; i++) {
      assertNull(rate.admit("10.0.0.1", 0));
    }
    assertEquals(DropReason.SOURCE_RATE, rate.admit("10.0.0.1", 0));
    // a tenth of a second refills one token at 10 per second
    assertNull(rate.admit("10.0.0.1", SECOND / 10));
    assertEquals(DropReason.SOURCE_RATE, rate.admit("10.0.0.1", SECOND / 10));
  }

  @Test
  void theGlobalBucketCapsManySources() {
    DatagramRate rate = new DatagramRate(new NetEchoConfig.UdpLimits(null, 100, 1, 5), 0);
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      if (rate.admit("10.0.0." + i, 0) == null) {
        admitted++;
      }
    }
    assertEquals(5, admitted);
    assertEquals(DropReason.GLOBAL_RATE, rate.admit("10.0.1.1", 0));
  }

  @Test
  void zeroRatesMeanNoLimit() {
    DatagramRate rate = new DatagramRate(new NetEchoConfig.UdpLimits(null, 0, 1, 0), 0);
    for (int i = 0; i < 10_000; i++) {
      assertNull(rate.admit("10.0.0.1", 0));
    }
    assertEquals(0, rate.sources());
  }

  @Test
  void theSourcesTrackedAreBoundedWhateverTheirNumber() {
    DatagramRate rate = new DatagramRate(new NetEchoConfig.UdpLimits(null, 1, 1, 0), 0);
    for (int i = 0; i < DatagramRate.MAX_SOURCES * 3; i++) {
      rate.admit("source-" + i, i);
    }
    assertEquals(DatagramRate.MAX_SOURCES, rate.sources());
  }
}
