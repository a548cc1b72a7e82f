package io.netecho.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JA3 and JA4 fingerprints of a ClientHello, and the names of what it offered. JA3 (Salesforce):
 * the MD5 of {@code version,ciphers,extensions,groups,pointFormats}, decimal values in the client's
 * order. JA4 (FoxIO, JA4 TLS client): {@code t}, the highest version offered, {@code d} with a server
 * name or {@code i} without, the numbers of cipher suites and extensions, the first and last character
 * of the first ALPN protocol; then the first 12 hex digits of the SHA-256 of the sorted cipher suites,
 * and of the sorted extensions (without server name and ALPN) followed by the signature algorithms in
 * the client's order. GREASE values are left out of both.
 */
final class Fingerprints {

  private static final HexFormat HEX = HexFormat.of();
  private static final String NO_HASH = "000000000000";

  private static final Map<Integer, String> VERSIONS = Map.of(0x0304, "TLSv1.3", 0x0303, "TLSv1.2",
    0x0302, "TLSv1.1", 0x0301, "TLSv1", 0x0300, "SSLv3");
  private static final Map<Integer, String> JA4_VERSIONS = Map.of(0x0304, "13", 0x0303, "12", 0x0302, "11",
    0x0301, "10", 0x0300, "s3", 0x0002, "s2", 0xfeff, "d1", 0xfefd, "d2", 0xfefc, "d3");
  private static final Map<Integer, String> GROUPS = Map.ofEntries(Map.entry(0x0017, "secp256r1"),
    Map.entry(0x0018, "secp384r1"), Map.entry(0x0019, "secp521r1"), Map.entry(0x001d, "x25519"),
    Map.entry(0x001e, "x448"), Map.entry(0x0100, "ffdhe2048"), Map.entry(0x0101, "ffdhe3072"),
    Map.entry(0x0102, "ffdhe4096"), Map.entry(0x0103, "ffdhe6144"), Map.entry(0x0104, "ffdhe8192"),
    Map.entry(0x11ec, "X25519MLKEM768"), Map.entry(0x11eb, "SecP256r1MLKEM768"),
    Map.entry(0x6399, "X25519Kyber768Draft00"));
  private static final Map<Integer, String> SIGNATURE_ALGORITHMS = Map.ofEntries(
    Map.entry(0x0401, "rsa_pkcs1_sha256"), Map.entry(0x0501, "rsa_pkcs1_sha384"), Map.entry(0x0601, "rsa_pkcs1_sha512"),
    Map.entry(0x0403, "ecdsa_secp256r1_sha256"), Map.entry(0x0503, "ecdsa_secp384r1_sha384"),
    Map.entry(0x0603, "ecdsa_secp521r1_sha512"), Map.entry(0x0804, "rsa_pss_rsae_sha256"),
    Map.entry(0x0805, "rsa_pss_rsae_sha384"), Map.entry(0x0806, "rsa_pss_rsae_sha512"), Map.entry(0x0807, "ed25519"),
    Map.entry(0x0808, "ed448"), Map.entry(0x0809, "rsa_pss_pss_sha256"), Map.entry(0x080a, "rsa_pss_pss_sha384"),
    Map.entry(0x080b, "rsa_pss_pss_sha512"), Map.entry(0x0201, "rsa_pkcs1_sha1"), Map.entry(0x0203, "ecdsa_sha1"),
    Map.entry(0x0402, "dsa_sha256"), Map.entry(0x0202, "dsa_sha1"));

  private Fingerprints() {
  }

  /** The JA3 string, before hashing: {@code 771,4865-4866,0-23-65281,29-23,0}. */
  static String ja3Text(ClientHello hello) {
    return hello.legacyVersion() + "," + decimal(hello.cipherSuites()) + "," + decimal(hello.extensions()) + ","
      + decimal(hello.groups()) + "," + decimal(hello.pointFormats());
  }

  /** JA3: the MD5 of {@link #ja3Text}, in hex. */
  static String ja3(ClientHello hello) {
    return HEX.formatHex(digest("MD5", ja3Text(hello)));
  }

  /** JA4, e.g. {@code t13d1516h2_8daaf6152771_e5627efa2ab1}. */
  static String ja4(ClientHello hello) {
    List<Integer> suites = withoutGrease(hello.cipherSuites());
    List<Integer> extensions = withoutGrease(hello.extensions());
    String a = "t" + JA4_VERSIONS.getOrDefault(highestVersion(hello), "00")
      + (extensions.contains(ClientHello.SERVER_NAME) ? "d" : "i")
      + twoDigits(suites.size()) + twoDigits(extensions.size()) + alpnChars(hello.alpn());
    String b = suites.isEmpty() ? NO_HASH : sha256Prefix(sortedHex(suites));
    List<Integer> hashed = extensions.stream()
      .filter(type -> type != ClientHello.SERVER_NAME && type != ClientHello.ALPN).toList();
    List<Integer> signatures = withoutGrease(hello.signatureAlgorithms());
    String c = hashed.isEmpty() ? NO_HASH : sha256Prefix(sortedHex(hashed)
      + (signatures.isEmpty() ? "" : "_" + signatures.stream().map(Fingerprints::hex4).collect(Collectors.joining(","))));
    return a + "_" + b + "_" + c;
  }

  /** The versions offered (supported_versions; without it, the legacy version), by name, GREASE as hex. */
  static List<String> versions(ClientHello hello) {
    List<Integer> versions = hello.versions().isEmpty() ? List.of(hello.legacyVersion()) : hello.versions();
    return names(versions, VERSIONS);
  }

  static List<String> groups(ClientHello hello) {
    return names(hello.groups(), GROUPS);
  }

  static List<String> signatureAlgorithms(ClientHello hello) {
    return names(hello.signatureAlgorithms(), SIGNATURE_ALGORITHMS);
  }

  private static int highestVersion(ClientHello hello) {
    return withoutGrease(hello.versions()).stream().max(Integer::compare).orElse(hello.legacyVersion());
  }

  /**
   * The first and last characters of the first ALPN protocol, {@code 00} without one; when either is
   * not an ASCII letter or digit, the first and last of its hex form instead.
   */
  private static String alpnChars(List<String> alpn) {
    if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
      return "00";
    }
    String first = alpn.get(0);
    char head = first.charAt(0);
    char tail = first.charAt(first.length() - 1);
    if (alphanumeric(head) && alphanumeric(tail)) {
      return "" + head + tail;
    }
    String hex = HEX.formatHex(first.getBytes(StandardCharsets.ISO_8859_1));
    return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
  }

  private static boolean alphanumeric(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private static String twoDigits(int count) {
    return String.format("%02d", Math.min(count, 99));
  }

  private static List<Integer> withoutGrease(List<Integer> values) {
    return values.stream().filter(value -> !ClientHello.grease(value)).toList();
  }

  private static String decimal(List<Integer> values) {
    return withoutGrease(values).stream().map(String::valueOf).collect(Collectors.joining("-"));
  }

  private static String sortedHex(List<Integer> values) {
    return values.stream().sorted().map(Fingerprints::hex4).collect(Collectors.joining(","));
  }

  private static String hex4(int value) {
    return String.format("%04x", value);
  }

  private static List<String> names(List<Integer> values, Map<Integer, String> names) {
    return values.stream().map(value -> names.getOrDefault(value, "0x" + hex4(value))).toList();
  }

  private static String sha256Prefix(String text) {
    return HEX.formatHex(digest("SHA-256", text)).substring(0, 12);
  }

  private static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      // every JDK has MD5 and SHA-256
      throw new IllegalStateException(e);
    }
  }
}
