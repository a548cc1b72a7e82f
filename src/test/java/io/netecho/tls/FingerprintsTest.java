package io.netecho.tls;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JA3 and JA4 of ClientHellos built byte by byte, checked against the examples of their specifications. */
class FingerprintsTest {

  private static final int GREASE_SUITE = 0x0a0a;
  private static final int GREASE_EXTENSION = 0x1a1a;

  /** A ClientHello handshake message: legacy version, cipher suites, then each extension with its data. */
  private static byte[] hello(int version, List<Integer> suites, Map<Integer, byte[]> extensions) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, version);
    body.writeBytes(new byte[32]);
    body.write(0);
    u16(body, suites.size() * 2);
    suites.forEach(suite -> u16(body, suite));
    body.write(1);
    body.write(0);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    extensions.forEach((type, data) -> {
      u16(all, type);
      u16(all, data.length);
      all.writeBytes(data);
    });
    if (!extensions.isEmpty()) {
      u16(body, all.size());
      body.writeBytes(all.toByteArray());
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.write(ClientHello.CLIENT_HELLO);
    message.write(body.size() >> 16);
    u16(message, body.size() & 0xffff);
    message.writeBytes(body.toByteArray());
    return message.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write(value >> 8);
    out.write(value);
  }

  /** A list of 16-bit values behind a length of {@code lengthBytes} bytes. */
  private static byte[] u16List(int lengthBytes, int... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (lengthBytes == 1) {
      out.write(values.length * 2);
    } else {
      u16(out, values.length * 2);
    }
    Arrays.stream(values).forEach(value -> u16(out, value));
    return out.toByteArray();
  }

  private static byte[] serverName(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, name.length() + 3);
    out.write(0);
    u16(out, name.length());
    out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] alpn(String... protocols) {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    for (String protocol : protocols) {
      list.write(protocol.length());
      list.writeBytes(protocol.getBytes(StandardCharsets.ISO_8859_1));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, list.size());
    out.writeBytes(list.toByteArray());
    return out.toByteArray();
  }

  /** The JA4 specification's example: a Chrome ClientHello, with GREASE as Chrome sends it. */
  private static byte[] ja4Example(String firstAlpn) {
    Map<Integer, byte[]> extensions = new LinkedHashMap<>();
    extensions.put(GREASE_EXTENSION, new byte[0]);
    extensions.put(0x0000, serverName("example.com"));
    extensions.put(0x0017, new byte[0]);
    extensions.put(0xff01, new byte[] {0});
    extensions.put(0x000a, u16List(2, 0x2a2a, 0x001d, 0x0017, 0x0018));
    extensions.put(0x000b, new byte[] {1, 0});
    extensions.put(0x0023, new byte[0]);
    extensions.put(0x0010, alpn(firstAlpn, "http/1.1"));
    extensions.put(0x0005, new byte[] {1, 0, 0, 0, 0});
    extensions.put(0x000d, u16List(2, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601));
    extensions.put(0x0012, new byte[0]);
    extensions.put(0x0033, new byte[] {0, 0});
    extensions.put(0x002d, new byte[] {1, 1});
    extensions.put(0x002b, u16List(1, 0x3a3a, 0x0304, 0x0303));
    extensions.put(0x001b, new byte[] {2, 0, 2});
    extensions.put(0x4469, new byte[0]);
    extensions.put(0x0015, new byte[20]);
    return hello(0x0303, List.of(GREASE_SUITE, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8,
      0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035), extensions);
  }

  @Test
  void ja4OfTheSpecificationsExample() {
    ClientHello hello = ClientHello.parse(ja4Example("h2"));
    assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", Fingerprints.ja4(hello));
  }

  @Test
  void whatTheExampleOffersByName() {
    ClientHello hello = ClientHello.parse(ja4Example("h2"));
    assertEquals("example.com", hello.serverName());
    assertEquals(List.of("h2", "http/1.1"), hello.alpn());
    assertEquals(List.of("0x3a3a", "TLSv1.3", "TLSv1.2"), Fingerprints.versions(hello));
    assertEquals(List.of("0x2a2a", "x25519", "secp256r1", "secp384r1"), Fingerprints.groups(hello));
    assertEquals(List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256", "rsa_pkcs1_sha256", "ecdsa_secp384r1_sha384",
      "rsa_pss_rsae_sha384", "rsa_pkcs1_sha384", "rsa_pss_rsae_sha512", "rsa_pkcs1_sha512"),
      Fingerprints.signatureAlgorithms(hello));
  }

  @Test
  void ja3OfTheExampleLeavesGreaseOutAndKeepsTheClientsOrder() {
    ClientHello hello = ClientHello.parse(ja4Example("h2"));
    assertEquals("771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
      + "0-23-65281-10-11-35-16-5-13-18-51-45-43-27-17513-21,29-23-24,0", Fingerprints.ja3Text(hello));
  }

  @Test
  void ja3OfTheSpecificationsExample() {
    Map<Integer, byte[]> extensions = new LinkedHashMap<>();
    extensions.put(0x0000, serverName("example.com"));
    extensions.put(0x000a, u16List(2, 23, 24, 25));
    extensions.put(0x000b, new byte[] {1, 0});
    ClientHello hello = ClientHello.parse(hello(769,
      List.of(47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4), extensions));

    assertEquals("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0", Fingerprints.ja3Text(hello));
    assertEquals("ada70206e40642a3e4461f35503241d5", Fingerprints.ja3(hello));
    // no supported_versions: the legacy version; no ALPN: 00
    assertEquals("t10d1203", Fingerprints.ja4(hello).substring(0, 8));
    assertEquals("00", Fingerprints.ja4(hello).substring(8, 10));
    assertEquals(List.of("TLSv1"), Fingerprints.versions(hello));
  }

  @Test
  void ja4WithoutServerNameOrExtensions() {
    ClientHello hello = ClientHello.parse(hello(0x0303, List.of(0x1301), Map.of()));
    // sha256("1301"); no extension to hash
    assertEquals("t12i010000_0f2cb44170f4_000000000000", Fingerprints.ja4(hello));
  }

  @Test
  void anAlpnThatIsNotAlphanumericIsTakenInHex() {
    assertEquals("t13d1516" + "c3", Fingerprints.ja4(ClientHello.parse(ja4Example("\u00c0x\u00b3"))).substring(0, 10));
  }

  @Test
  void aClientHelloCutAcrossRecordsAndReadsIsReadWhole() {
    byte[] message = ja4Example("h2");
    // two records, the second cut into three reads
    int half = message.length / 2;
    byte[] first = record(Arrays.copyOfRange(message, 0, half));
    byte[] second = record(Arrays.copyOfRange(message, half, message.length));
    ClientHelloReader reader = new ClientHelloReader();

    assertFalse(reader.read(Unpooled.wrappedBuffer(first)));
    assertFalse(reader.read(Unpooled.wrappedBuffer(second, 0, 3)));
    assertFalse(reader.read(Unpooled.wrappedBuffer(second, 3, 10)));
    assertTrue(reader.read(Unpooled.wrappedBuffer(second, 13, second.length - 13)));
    assertArrayEquals(message, reader.hello());
  }

  @Test
  void bytesThatAreNotAClientHelloAreLeftAlone() {
    ClientHelloReader reader = new ClientHelloReader();
    assertTrue(reader.read(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
    assertNull(reader.hello());
    assertThrows(IllegalArgumentException.class, () -> ClientHello.parse(new byte[] {1, 0, 0, 9, 3, 3}));
  }

  private static byte[] record(byte[] body) {
    byte[] record = new byte[5 + body.length];
    record[0] = 22;
    record[1] = 3;
    record[2] = 1;
    record[3] = (byte) (body.length >> 8);
    record[4] = (byte) body.length;
    System.arraycopy(body, 0, record, 5, body.length);
    return record;
  }
}
