package io.netecho.limit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-address count: a limit per address, and no address kept once its connections are gone. */
class ConnectionsPerIpCountTest {

  @Test
  void eachAddressHasItsOwnLimit() {
    ConnectionsPerIp limit = new ConnectionsPerIp(2);
    assertTrue(limit.tryAcquire("10.0.0.1"));
    assertTrue(limit.tryAcquire("10.0.0.1"));
    assertFalse(limit.tryAcquire("10.0.0.1"));
    assertTrue(limit.tryAcquire("10.0.0.2"));
  }

  @Test
  void anAddressIsForgottenWhenItsLastConnectionIsReleased() {
    ConnectionsPerIp limit = new ConnectionsPerIp(3);
    for (int i = 0; i < 1000; i++) {
      String host = "10.0." + (i / 256) + "." + (i % 256);
      assertTrue(limit.tryAcquire(host));
      assertTrue(limit.tryAcquire(host));
      limit.release(host);
      limit.release(host);
    }
    assertEquals(0, limit.addresses());
  }

  @Test
  void aRefusedAttemptTakesNoSlot() {
    ConnectionsPerIp limit = new ConnectionsPerIp(1);
    assertTrue(limit.tryAcquire("::1"));
    assertFalse(limit.tryAcquire("::1"));
    limit.release("::1");
    assertEquals(0, limit.addresses());
    assertTrue(limit.tryAcquire("::1"));
  }
}
