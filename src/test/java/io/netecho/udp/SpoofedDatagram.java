package io.netecho.udp;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Sends one IPv4 UDP datagram with a forged source address and port, as an attacker would: Java has
 * no raw sockets, so python3 writes it on a raw socket (IP_HDRINCL). Needs root or CAP_NET_RAW; where
 * that is refused, or python3 is missing, the calling test is skipped with the reason.
 */
public final class SpoofedDatagram {

  private static final String SCRIPT = String.join("\n",
    "import socket, struct, sys",
    "src, sport, dst, dport = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])",
    "payload = bytes.fromhex(sys.argv[5])",
    "udp = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload",
    "ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, socket.IPPROTO_UDP, 0,",
    "                 socket.inet_aton(src), socket.inet_aton(dst))",
    "try:",
    "    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)",
    "except PermissionError as e:",
    "    print('raw socket refused: %s' % e, file=sys.stderr)",
    "    sys.exit(77)",
    "s.sendto(ip + udp, (dst, 0))");

  private SpoofedDatagram() {
  }

  /** Sends {@code payload} to {@code dst:dport} as if from {@code src:sport}. */
  public static void send(String src, int sport, String dst, int dport, String payload) throws Exception {
    String hex = HexFormat.of().formatHex(payload.getBytes(StandardCharsets.UTF_8));
    Process python;
    try {
      python = new ProcessBuilder("python3", "-c", SCRIPT, src, Integer.toString(sport), dst, Integer.toString(dport), hex)
        .redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("cannot forge a datagram: python3 is not available (" + e.getMessage() + ")");
      return;
    }
    if (!python.waitFor(20, TimeUnit.SECONDS)) {
      python.destroyForcibly();
      throw new AssertionError("python3 did not send the forged datagram in time");
    }
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (python.exitValue() == 77) {
      Assumptions.abort("cannot forge a datagram: " + output + " (needs root or CAP_NET_RAW)");
    }
    if (python.exitValue() != 0) {
      throw new AssertionError("python3 failed to send the forged datagram: " + output);
    }
  }
}
