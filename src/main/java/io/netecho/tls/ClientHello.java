package io.netecho.tls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client's ClientHello offered, read from its bytes as they came (RFC 8446 4.1.2, RFC 5246
 * 7.4.1.2): the legacy version, the session id, the cipher suites and the extensions in the client's
 * order, and the values of the extensions that say what the client is (server name, ALPN, versions,
 * groups, point formats, signature algorithms). GREASE values (RFC 8701) are kept here as sent.
 */
record ClientHello(int legacyVersion, byte[] sessionId, List<Integer> cipherSuites, List<Integer> extensions,
                   String serverName, List<String> alpn, List<Integer> versions, List<Integer> groups,
                   List<Integer> pointFormats, List<Integer> signatureAlgorithms) {

  static final int SERVER_NAME = 0;
  static final int SUPPORTED_GROUPS = 10;
  static final int EC_POINT_FORMATS = 11;
  static final int SIGNATURE_ALGORITHMS = 13;
  static final int ALPN = 16;
  static final int PRE_SHARED_KEY = 41;
  static final int SUPPORTED_VERSIONS = 43;

  /** The handshake type of a ClientHello. */
  static final int CLIENT_HELLO = 1;

  /**
   * Parses one handshake message, from its type byte to its end.
   *
   * @throws IllegalArgumentException when it is not a well-formed ClientHello
   */
  static ClientHello parse(byte[] message) {
    try {
      ByteBuffer in = ByteBuffer.wrap(message);
      if (u8(in) != CLIENT_HELLO) {
        throw new IllegalArgumentException("not a ClientHello");
      }
      ByteBuffer body = slice(in, u24(in));
      int legacyVersion = u16(body);
      body.position(body.position() + 32);
      byte[] sessionId = new byte[u8(body)];
      body.get(sessionId);
      List<Integer> suites = u16s(slice(body, u16(body)));
      slice(body, u8(body));
      List<Integer> extensions = new ArrayList<>();
      String serverName = null;
      List<String> alpn = List.of();
      List<Integer> versions = List.of();
      List<Integer> groups = List.of();
      List<Integer> pointFormats = List.of();
      List<Integer> signatureAlgorithms = List.of();
      if (body.hasRemaining()) {
        ByteBuffer all = slice(body, u16(body));
        while (all.hasRemaining()) {
          int type = u16(all);
          ByteBuffer data = slice(all, u16(all));
          extensions.add(type);
          switch (type) {
            case SERVER_NAME -> serverName = serverName(data);
            case ALPN -> alpn = protocols(slice(data, u16(data)));
            case SUPPORTED_VERSIONS -> versions = u16s(slice(data, u8(data)));
            case SUPPORTED_GROUPS -> groups = u16s(slice(data, u16(data)));
            case EC_POINT_FORMATS -> pointFormats = u8s(slice(data, u8(data)));
            case SIGNATURE_ALGORITHMS -> signatureAlgorithms = u16s(slice(data, u16(data)));
            default -> { }
          }
        }
      }
      return new ClientHello(legacyVersion, sessionId, suites, List.copyOf(extensions), serverName, alpn, versions,
        groups, pointFormats, signatureAlgorithms);
    } catch (RuntimeException e) {
      // a length past the end, a negative size: the engine refuses the same bytes
      throw new IllegalArgumentException("malformed ClientHello", e);
    }
  }

  /** Whether the client offered to resume a TLS 1.3 session (a pre-shared key). */
  boolean offersPreSharedKey() {
    return extensions.contains(PRE_SHARED_KEY);
  }

  /** RFC 8701: 0x0a0a, 0x1a1a … 0xfafa, reserved so servers learn to ignore what they do not know. */
  static boolean grease(int value) {
    return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
  }

  private static String serverName(ByteBuffer data) {
    ByteBuffer names = slice(data, u16(data));
    while (names.hasRemaining()) {
      int type = u8(names);
      ByteBuffer name = slice(names, u16(names));
      if (type == 0) {
        return StandardCharsets.US_ASCII.decode(name).toString();
      }
    }
    return null;
  }

  private static List<String> protocols(ByteBuffer list) {
    List<String> protocols = new ArrayList<>();
    while (list.hasRemaining()) {
      // protocol names are opaque bytes, in practice ASCII; ISO-8859-1 keeps each byte one char
      protocols.add(StandardCharsets.ISO_8859_1.decode(slice(list, u8(list))).toString());
    }
    return List.copyOf(protocols);
  }

  private static ByteBuffer slice(ByteBuffer in, int length) {
    ByteBuffer part = in.slice().limit(length);
    in.position(in.position() + length);
    return part;
  }

  private static List<Integer> u16s(ByteBuffer in) {
    List<Integer> values = new ArrayList<>();
    while (in.remaining() >= 2) {
      values.add(u16(in));
    }
    return List.copyOf(values);
  }

  private static List<Integer> u8s(ByteBuffer in) {
    List<Integer> values = new ArrayList<>();
    while (in.hasRemaining()) {
      values.add(u8(in));
    }
    return List.copyOf(values);
  }

  private static int u8(ByteBuffer in) {
    return in.get() & 0xff;
  }

  private static int u16(ByteBuffer in) {
    return in.getShort() & 0xffff;
  }

  private static int u24(ByteBuffer in) {
    return u8(in) << 16 | u16(in);
  }
}
