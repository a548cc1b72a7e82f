package io.netecho.tls;

import io.netecho.config.NetEchoConfig;
import io.netecho.config.StartupException;
import io.netecho.log.OneLine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code tls.badCertificates}: HTTPS ports whose certificates fail on purpose, badssl.com-style, to
 * test how a client reacts. Everything is made at start, with keys that never leave the process
 * except in a temporary folder: a root CA every port but one chains to (its certificate in that
 * folder, for {@code --cacert}), and a client certificate that root signed, for the port that
 * requires one. Each port answers any request with one line naming what is wrong with it; the
 * certificate is the only thing wrong. Once per process; stopping closes the ports and deletes the
 * folder.
 */
public final class BadCertificates {

  /** The ports, in order from {@code tls.badCertificatesPort}. */
  enum Kind {
    EXPIRED("expired", "the certificate expired yesterday"),
    NOT_YET_VALID("not-yet-valid", "the certificate is valid from tomorrow"),
    WRONG_HOST("wrong-host", "the certificate is for wrong.host.invalid"),
    SELF_SIGNED("self-signed", "the certificate signed itself"),
    UNKNOWN_ROOT("unknown-root", "the certificate's root is not the published one"),
    INCOMPLETE_CHAIN("incomplete-chain", "the intermediate CA is not sent"),
    RSA_1024("rsa-1024", "the certificate's key is RSA with 1024 bits"),
    CLIENT_CERTIFICATE_REQUIRED("client-certificate-required", "a client certificate from the published root is required");

    final String label;
    final String wrong;

    Kind(String label, String wrong) {
      this.label = label;
      this.wrong = wrong;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(BadCertificates.class);

  private final Path folder;
  private final List<HttpServer> servers = new ArrayList<>();

  private BadCertificates(Path folder) {
    this.folder = folder;
  }

  /** Makes the certificates (on a worker thread), then listens on one port for each; nothing when off. */
  public static Future<BadCertificates> listen(Vertx vertx, NetEchoConfig config) {
    NetEchoConfig.Tls tls = config.tls();
    if (!tls.badCertificates()) {
      return Future.succeededFuture(new BadCertificates(null));
    }
    int first = tls.badCertificatesPort();
    int last = first + Kind.values().length - 1;
    if (first != 0 && last > 65535) {
      return Future.failedFuture(new StartupException("tls.badCertificatesPort: " + first + " leaves no room for its "
        + Kind.values().length + " ports (at most " + (65536 - Kind.values().length) + ")"));
    }
    return vertx.executeBlocking(Made::make).compose(made -> {
      BadCertificates bad = new BadCertificates(made.folder);
      Future<Void> all = Future.succeededFuture();
      for (Kind kind : Kind.values()) {
        int port = first == 0 ? 0 : first + kind.ordinal();
        all = all.compose(v -> bad.listen(vertx, config, kind, made, port));
      }
      return all.map(bad).recover(err -> bad.close().transform(closed -> Future.failedFuture(err)));
    });
  }

  private Future<Void> listen(Vertx vertx, NetEchoConfig config, Kind kind, Made made, int port) {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setSsl(true)
      .setSslEngineOptions(new GuardedEngineOptions(GuardedSslHandler.refusals()))
      .setEnabledSecureTransportProtocols(TlsFiles.PROTOCOLS)
      .setKeyCertOptions(new PemKeyCertOptions().setCertValue(made.chain(kind)).setKeyValue(made.key(kind)));
    CipherSuites.of(null).forEach(options::addEnabledCipherSuite);
    if (kind == Kind.CLIENT_CERTIFICATE_REQUIRED) {
      options.setClientAuth(ClientAuth.REQUIRED).setTrustOptions(new PemTrustOptions().addCertValue(made.rootPem));
    }
    Buffer answer = Buffer.buffer(kind.label + ": " + kind.wrong + "\n");
    HttpServer server = vertx.createHttpServer(options)
      // a client that refuses the certificate is the point of these ports: nothing to log
      .exceptionHandler(err -> LOG.debug("bad certificate {}: {}", kind.label, OneLine.of(err)))
      .requestHandler(request -> request.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(answer));
    return server.listen(port, config.host())
      .recover(StartupException.cannotListen("bad certificate " + kind.label, config.host(), port))
      .onSuccess(listening -> {
        servers.add(listening);
        LOG.info("bad certificate {} on port {}: {}", kind.label, listening.actualPort(), kind.wrong);
      })
      .mapEmpty();
  }

  /** Closes the ports and deletes the folder. */
  public Future<Void> close() {
    return Future.all(servers.stream().map(HttpServer::close).toList()).transform(closed -> {
      if (folder != null) {
        try (var files = Files.list(folder)) {
          for (Path file : files.toList()) {
            Files.deleteIfExists(file);
          }
          Files.deleteIfExists(folder);
        } catch (IOException e) {
          LOG.debug("bad certificates: {} not deleted: {}", folder, e.getMessage());
        }
      }
      return Future.succeededFuture();
    });
  }

  /** What was made: each port's chain and key as PEM, and the published files. */
  private record Made(Path folder, Buffer rootPem, List<Buffer> chains, List<Buffer> keys) {

    Buffer chain(Kind kind) {
      return chains.get(kind.ordinal());
    }

    Buffer key(Kind kind) {
      return keys.get(kind.ordinal());
    }

    static Made make() throws Exception {
      BadCertificateMaker maker = new BadCertificateMaker();
      Instant now = maker.now();
      Instant yesterday = now.minus(Duration.ofDays(1));
      Instant inAMonth = now.plus(Duration.ofDays(30));
      BadCertificateMaker.Issued root = maker.ca("net-echo bad-certificates root", null);
      BadCertificateMaker.Issued intermediate = maker.ca("net-echo bad-certificates intermediate", root);
      BadCertificateMaker.Issued stranger = maker.ca("net-echo unknown root", null);
      String[] local = BadCertificateMaker.LOCAL_NAMES;
      List<Buffer> chains = new ArrayList<>();
      List<Buffer> keys = new ArrayList<>();
      for (Kind kind : Kind.values()) {
        BadCertificateMaker.Issued leaf = switch (kind) {
          case EXPIRED -> maker.leaf(BadCertificateMaker.ecKeys(), root, now.minus(Duration.ofDays(30)), yesterday, true, local);
          case NOT_YET_VALID -> maker.leaf(BadCertificateMaker.ecKeys(), root, now.plus(Duration.ofDays(1)), inAMonth, true,
            local);
          case WRONG_HOST -> maker.leaf(BadCertificateMaker.ecKeys(), root, yesterday, inAMonth, true, "wrong.host.invalid");
          case SELF_SIGNED -> maker.leaf(BadCertificateMaker.ecKeys(), null, yesterday, inAMonth, true, local);
          case UNKNOWN_ROOT -> maker.leaf(BadCertificateMaker.ecKeys(), stranger, yesterday, inAMonth, true, local);
          case INCOMPLETE_CHAIN -> maker.leaf(BadCertificateMaker.ecKeys(), intermediate, yesterday, inAMonth, true, local);
          case RSA_1024 -> maker.leaf(BadCertificateMaker.rsaKeys(1024), root, yesterday, inAMonth, true, local);
          case CLIENT_CERTIFICATE_REQUIRED -> maker.leaf(BadCertificateMaker.ecKeys(), root, yesterday, inAMonth, true, local);
        };
        chains.add(Buffer.buffer(pem("CERTIFICATE", leaf.certificate().getEncoded())));
        keys.add(Buffer.buffer(pem("PRIVATE KEY", leaf.keys().getPrivate().getEncoded())));
      }
      BadCertificateMaker.Issued client = maker.leaf(BadCertificateMaker.ecKeys(), root, yesterday, inAMonth, false,
        "net-echo test client");
      Path folder = Files.createTempDirectory("net-echo-bad-certificates",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      String rootPem = pem(root.certificate());
      write(folder.resolve("root.pem"), rootPem);
      write(folder.resolve("client.pem"), pem(client.certificate()));
      write(folder.resolve("client-key.pem"), pem("PRIVATE KEY", client.keys().getPrivate().getEncoded()));
      folder.toFile().deleteOnExit();
      for (String name : new String[] {"root.pem", "client.pem", "client-key.pem"}) {
        folder.resolve(name).toFile().deleteOnExit();
      }
      LOG.info("bad certificates: their root CA is {}; the client certificate for {} is {} (key {})",
        folder.resolve("root.pem"), Kind.CLIENT_CERTIFICATE_REQUIRED.label, folder.resolve("client.pem"),
        folder.resolve("client-key.pem"));
      return new Made(folder, Buffer.buffer(rootPem), chains, keys);
    }

    private static String pem(X509Certificate certificate) throws Exception {
      return pem("CERTIFICATE", certificate.getEncoded());
    }

    private static String pem(String type, byte[] der) {
      return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) {
      try {
        Files.writeString(Files.createFile(file,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), text, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
