package io.netecho.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** host[:port] split as a Host header or a member list writes it; the rules on each part are the callers'. */
class HostPortTest {

  @Test
  void aHostAloneOrWithAPort() {
    assertEquals(new HostPort("localhost", null, false), HostPort.parse("localhost"));
    assertEquals(new HostPort("10.0.0.1", "5701", false), HostPort.parse("10.0.0.1:5701"));
    assertEquals(new HostPort("host", "", false), HostPort.parse("host:"));
  }

  @Test
  void anIpv6AddressInBracketsOrBare() {
    assertEquals(new HostPort("::1", null, true), HostPort.parse("[::1]"));
    assertEquals(new HostPort("::1", "8080", true), HostPort.parse("[::1]:8080"));
    assertEquals(new HostPort("fe80::1", null, false), HostPort.parse("fe80::1"));
  }

  @Test
  void bracketsUnclosedOrFollowedByAnythingButAPortAreNoHostPort() {
    assertNull(HostPort.parse("[::1"));
    assertNull(HostPort.parse("[::1]x"));
    assertNull(HostPort.parse("[::1]8080"));
  }

  @Test
  void aPortIsAbsentOrDigits() {
    assertTrue(HostPort.parse("h").portAbsentOrDigits());
    assertTrue(HostPort.parse("h:65535").portAbsentOrDigits());
    assertFalse(HostPort.parse("h:").portAbsentOrDigits());
    assertFalse(HostPort.parse("h:123456").portAbsentOrDigits());
    assertFalse(HostPort.parse("h:http").portAbsentOrDigits());
  }
}
