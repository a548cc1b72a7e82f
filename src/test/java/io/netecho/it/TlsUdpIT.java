package io.netecho.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS and UDP from the fat jar, started as a user starts it; the TLS pair from {@code scripts/gen-cert}. */
@Timeout(120)
class TlsUdpIT extends ServerProcessTest {

  private static final Path CERTS = ServerProcess.ROOT.resolve("target/gen-cert-it");


  @Test
  void genCertPrintsSettingsWithWhichTheJarServesTls() throws Exception {
    Assumptions.assumeTrue(onPath("openssl"), "scripts/gen-cert needs openssl, which is not installed");
    Process gen = new ProcessBuilder("scripts/gen-cert", CERTS.toString()).directory(ServerProcess.ROOT.toFile())
      .redirectErrorStream(true).start();
    String printed = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(gen.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, gen.exitValue(), printed);

    // the printed one-run line, NETECHO_TLS_... scripts/run, as the environment of the jar
    Matcher line = Pattern.compile("(NETECHO_TLS_ENABLED=\\S+) (NETECHO_TLS_CERTPATH=\\S+) (NETECHO_TLS_KEYPATH=\\S+)")
      .matcher(printed);
    assertTrue(line.find(), printed);
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 1; i <= 3; i++) {
      String[] pair = line.group(i).split("=", 2);
      env.put(pair[0], pair[1]);
    }
    List<String> command = List.of(ServerProcess.javaBin(), "-jar", ServerProcess.JAR, "-conf", FatJarIT.LOOPBACK_EPHEMERAL);
    server = ServerProcess.start(command, env);
    int port = server.awaitListening();

    try (SSLSocket socket = (SSLSocket) trusting(CERTS.resolve("cert.pem")).getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("secret".getBytes(StandardCharsets.UTF_8));
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      assertEquals("Repeating: secret", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aMissingCertificateStopsTheJarWithOneLineNamingKeyAndPath() throws Exception {
    server = ServerProcess.jar("-conf",
      "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},"
        + "\"tls\":{\"enabled\":true,\"certPath\":\"no/such/cert.pem\",\"keyPath\":\"no/such/key.pem\"}}");
    FatJarIT.assertOneLineFailure(server, 15, "tls.certPath: \"no/such/cert.pem\" cannot be read (no such file)");
  }

  @Test
  void theJarEchoesUdpOnceWithTwoInstances() throws Exception {
    int udpPort;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udpPort = probe.getLocalPort();
    }
    server = ServerProcess.jar("-instances", "2", "-conf",
      "{\"host\":\"127.0.0.1\",\"port\":0,\"admin\":{\"enabled\":false},\"udp\":{\"enabled\":true,\"port\":" + udpPort + "}}");
    server.awaitListening();
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      client.setSoTimeout(10_000);
      byte[] data = "dgram".getBytes(StandardCharsets.UTF_8);
      client.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), udpPort));
      DatagramPacket reply = new DatagramPacket(new byte[100], 100);
      client.receive(reply);
      assertEquals("Repeating: dgram", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
    }
    assertEquals(1, server.lines().stream().filter(l -> l.contains("udp echo listening on port " + udpPort)).count(),
      server.output());
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("net-echo", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
      .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
