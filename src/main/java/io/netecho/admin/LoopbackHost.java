package io.netecho.admin;

import io.netecho.net.HostPort;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The defence against DNS rebinding: a web page can make a browser send requests to a loopback-bound
 * admin endpoint under the page's own host name, and read the answers. Such a request carries that
 * name in its {@code Host} header; a loopback-bound endpoint serves only a {@code Host} that is a
 * loopback name or address ({@code localhost}, {@code 127.x.y.z}, {@code [::1]}, each with an optional
 * port), or none. Names are never resolved: only literals and {@code localhost} pass.
 */
final class LoopbackHost {

  private LoopbackHost() {
  }

  /** Whether the address the endpoint binds ({@code admin.host}) is loopback, so the check applies. */
  static boolean isLoopback(String bindHost) {
    String host = bindHost.startsWith("[") && bindHost.endsWith("]") ? bindHost.substring(1, bindHost.length() - 1) : bindHost;
    return isLocalhost(host) || isLoopbackLiteral(host);
  }

  /** Whether a request with this {@code Host} header (null when absent) may be served on loopback. */
  static boolean allowed(String hostHeader) {
    if (hostHeader == null) {
      return true;
    }
    HostPort parts = HostPort.parse(hostHeader);
    if (parts == null || !parts.portAbsentOrDigits()) {
      return false;
    }
    // only an IPv6 literal goes in brackets, and a Host header has no bare one
    boolean shapeOk = parts.bracketed() ? NetUtil.isValidIpV6Address(parts.host()) : parts.host().indexOf(':') < 0;
    return shapeOk && (isLocalhost(parts.host()) || isLoopbackLiteral(parts.host()));
  }

  private static boolean isLocalhost(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.equals("localhost.");
  }

  private static boolean isLoopbackLiteral(String host) {
    byte[] address = NetUtil.createByteArrayFromIpAddressString(host);
    if (address == null) {
      return false;
    }
    try {
      return InetAddress.getByAddress(address).isLoopbackAddress();
    } catch (UnknownHostException wrongLength) {
      return false;
    }
  }
}
