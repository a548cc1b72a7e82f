package io.netecho.config;

import io.netecho.faults.FaultProfile;
import io.netecho.log.LogFormat;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NetEchoConfig#fromJson}: defaults, strict JSON validation and the one-line messages. */
class NetEchoConfigTest {

  @Test
  void defaultsEqualFromJsonOfAnEmptyObject() {
    assertEquals(NetEchoConfig.defaults(), NetEchoConfig.fromJson(new JsonObject()));
  }

  @Test
  void defaultsAreTheSpecTable() {
    NetEchoConfig d = NetEchoConfig.defaults();
    assertEquals(new NetEchoConfig("0.0.0.0", 8124, false, new NetEchoConfig.Reply("Repeating: ", 0),
        new NetEchoConfig.Log(true, 200, LogFormat.TEXT), 0, 0, 1048576, new NetEchoConfig.Tls(false, null, null, ClientAuth.NONE, null, 5),
        new NetEchoConfig.Udp(false, 8124, new NetEchoConfig.UdpLimits(null, 100, 200, 10000)),
        new NetEchoConfig.Admin(true, "127.0.0.1", 8125, null, null), 10,
        new NetEchoConfig.Cluster("net-echo", List.of("127.0.0.1"), "127.0.0.1", 5701), 0,
        new NetEchoConfig.Http(false, null, 8080, 1048576, 1048576, 10000, 10485760, 100, 100, false, true), new NetEchoConfig.Info(false, 8126),
        new NetEchoConfig.ProxyProtocol(false, 10000), FaultProfile.NONE, List.of(), 0, 100, false), d);
  }

  @Test
  void theNormalizedJsonOfEveryKeyIsWhatWasGiven() {
    JsonObject everyKeyChanged = new JsonObject("""
        {"host":"127.0.0.2","port":0,"allowHalfOpen":true,"reply":{"prefix":"","delayMs":5},
         "log":{"data":false,"maxDataChars":1,"format":"json"},"idleTimeoutSeconds":3,"maxConnections":4,
         "writeQueueMaxBytes":1,"tls":{"enabled":true,"certPath":"c.pem","keyPath":"k.pem",
         "clientAuth":"required","caPath":"ca.pem","reloadSeconds":0,
         "badCertificates":true,"badCertificatesPort":9443,
         "ciphers":"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
         "udp":{"enabled":true,"port":9000,"host":"::1","ratePerSecond":0,"burst":1,"globalRatePerSecond":7},
         "maxConnectionsPerIp":2,"admin":{"enabled":false,"host":"::1","port":0,"token":"a-token-of-20-chars",
         "tokenFile":null},
         "shutdownGraceSeconds":0,"cluster":{"name":"n","members":"a:1,[::1]:2,b","host":"h","port":65535,
         "tls":{"certPath":"n.pem","keyPath":"nk.pem","caPath":"nca.pem"},"insecure":true,
         "join":"kubernetes","kubernetes":{"serviceDns":"s"}},
         "shutdownDelaySeconds":5,
         "http":{"enabled":true,"host":"::","port":0,"maxBodyBytes":0,"maxWebSocketMessageBytes":1,
          "maxDelayMs":0,"maxGeneratedBytes":0,"maxRedirects":0,"maxConcurrentStreams":1,"cors":true,"grpc":false},
         "info":{"enabled":true,"port":0},"proxyProtocol":true,"proxyProtocolTimeoutMs":0,
         "faults":{"latency":{"ms":1,"jitterMs":2,"toxicity":0.5},"bandwidth":{"bytesPerSecond":3,"toxicity":0.25},
          "slicer":{"sliceBytes":4,"sliceDelayMs":5,"toxicity":0.125},
          "close":{"afterBytes":6,"afterMs":7,"toxicity":0.0},"reset":{"afterBytes":8,"afterMs":9,"toxicity":0.75},
          "slowClose":{"ms":10,"toxicity":0.375},"timeout":{"ms":11,"toxicity":0.625},
          "ports":["tcp","http"]},
         "listeners":[{"port":9001,"faults":{"latency":{"ms":12,"jitterMs":0,"toxicity":1.0},
          "bandwidth":{"bytesPerSecond":0,"toxicity":1.0},"slicer":{"sliceBytes":0,"sliceDelayMs":0,"toxicity":1.0},
          "close":{"afterBytes":0,"afterMs":0,"toxicity":1.0},"reset":{"afterBytes":0,"afterMs":0,"toxicity":1.0},
          "slowClose":{"ms":0,"toxicity":1.0},"timeout":{"ms":0,"toxicity":1.0},"ports":["tcp"]}}],
         "broadcast":{"ratePerSecond":0},"reusePort":true}

        """);
    NetEchoConfig config = NetEchoConfig.fromJson(everyKeyChanged);

    assertEquals(everyKeyChanged, NetEchoConfig.normalized(everyKeyChanged));
    assertEquals(config, NetEchoConfig.fromJson(NetEchoConfig.normalized(everyKeyChanged)));
  }

  @Test
  void theNormalizedJsonKeepsTheTokenFile() {
    JsonObject json = new JsonObject("{\"admin\":{\"tokenFile\":\"/run/secrets/token\"}}");
    NetEchoConfig config = NetEchoConfig.fromJson(json);

    assertEquals("/run/secrets/token", config.admin().tokenFile());
    assertEquals(config, NetEchoConfig.fromJson(NetEchoConfig.normalized(json)));
  }

  @Test
  void nestedValueKeepsSiblingDefaults() {
    NetEchoConfig config = NetEchoConfig.fromJson(new JsonObject().put("reply", new JsonObject().put("delayMs", 50)));

    assertEquals(new NetEchoConfig.Reply("Repeating: ", 50), config.reply());
  }

  @Test
  void emptyPrefixIsAccepted() {
    NetEchoConfig config = NetEchoConfig.fromJson(new JsonObject().put("reply", new JsonObject().put("prefix", "")));

    assertEquals("", config.reply().prefix());
  }

  @Test
  void nullIsAcceptedForANullableString() {
    JsonObject json = new JsonObject().put("admin", new JsonObject().putNull("token"));

    assertNull(NetEchoConfig.fromJson(json).admin().token());
  }

  @Test
  void stringForAnIntegerIsRejected() {
    assertMessage("port: \"8124\" must be an integer", new JsonObject().put("port", "8124"));
  }

  @Test
  void fractionForAnIntegerIsRejected() {
    assertMessage("port: 8124.5 must be an integer", new JsonObject().put("port", 8124.5));
  }

  @Test
  void nullForAnIntegerIsRejected() {
    assertMessage("port: null must be an integer", new JsonObject().putNull("port"));
  }

  @Test
  void stringForABooleanIsRejected() {
    assertMessage("log.data: \"true\" must be true or false", new JsonObject("{\"log\":{\"data\":\"true\"}}"));
  }

  @Test
  void numberForAStringIsRejected() {
    assertMessage("reply.prefix: 5 must be a string", new JsonObject("{\"reply\":{\"prefix\":5}}"));
  }

  @Test
  void portAboveRangeIsRejected() {
    assertMessage("port: 70000 is out of range 0..65535", new JsonObject().put("port", 70000));
  }

  @Test
  void negativeDelayIsRejected() {
    assertMessage("reply.delayMs: -1 must be >= 0", new JsonObject("{\"reply\":{\"delayMs\":-1}}"));
  }

  @Test
  void integerBeyondIntIsRejected() {
    assertMessage("maxConnections: 3000000000 is too large (max 2147483647)",
        new JsonObject().put("maxConnections", 3_000_000_000L));
  }

  @Test
  void emptyClusterNameIsRejected() {
    assertMessage("cluster.name: \"\" must not be empty", new JsonObject("{\"cluster\":{\"name\":\"\"}}"));
  }

  @Test
  void emptyTokenIsRejected() {
    assertMessage("admin.token: (value not shown) must not be empty", new JsonObject("{\"admin\":{\"token\":\"\"}}"));
  }

  @Test
  void aTokenShorterThanSixteenCharactersIsRejectedWithoutShowingIt() {
    assertMessage("admin.token: (value not shown) must be at least 16 characters (whitespace trimmed)",
        new JsonObject("{\"admin\":{\"token\":\"  short-secret \\n\"}}"));
  }

  @Test
  void aTokenOfTheWrongTypeIsRejectedWithoutShowingIt() {
    assertMessage("admin.token: (value not shown) must be a string or null",
        new JsonObject("{\"admin\":{\"token\":12345678901234567}}"));
  }

  @Test
  void anUnknownAdminKeyIsRejectedWithoutShowingItsValue() {
    assertMessage("admin.tokn: unknown key (value (value not shown))",
        new JsonObject("{\"admin\":{\"tokn\":\"a-mistyped-secret-value\"}}"));
  }

  @Test
  void aTokenAndATokenFileTogetherAreRejected() {
    assertMessage("admin.token and admin.tokenFile are both set; set only one",
        new JsonObject("{\"admin\":{\"token\":\"a-token-of-20-chars\",\"tokenFile\":\"/run/secrets/token\"}}"));
  }

  @Test
  void logFormatOtherThanTextOrJsonIsRejected() {
    assertMessage("log.format: \"xml\" must be one of text, json", new JsonObject("{\"log\":{\"format\":\"xml\"}}"));
  }

  @Test
  void clientAuthOutsideItsThreeValuesIsRejected() {
    assertMessage("tls.clientAuth: \"optional\" must be one of none, request, required",
        new JsonObject("{\"tls\":{\"clientAuth\":\"optional\"}}"));
  }

  @Test
  void unknownTopLevelKeyIsRejected() {
    assertMessage("colour: unknown key (value \"red\")", new JsonObject().put("colour", "red"));
  }

  @Test
  void unknownNestedKeyIsRejected() {
    assertMessage("reply.prefx: unknown key (value \"x\")", new JsonObject("{\"reply\":{\"prefx\":\"x\"}}"));
  }

  @Test
  void dottedKeyIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> NetEchoConfig.fromJson(new JsonObject().put("reply.prefix", "x")));

    assertTrue(e.getMessage().startsWith("reply.prefix: unknown key (value \"x\""), e.getMessage());
  }

  @Test
  void nonObjectSectionIsRejected() {
    assertMessage("reply: 5 must be an object", new JsonObject().put("reply", 5));
  }

  @Test
  void clusterMembersAreSplitAndTrimmed() {
    JsonObject json = new JsonObject("{\"cluster\":{\"members\":\" 10.0.0.1:5701 , node-b ,[::1]:5702\"}}");

    assertEquals(List.of("10.0.0.1:5701", "node-b", "[::1]:5702"), NetEchoConfig.fromJson(json).cluster().members());
  }

  @Test
  void clusterMemberWithBadPortIsRejected() {
    assertMessage("cluster.members: \"a,b:0\" has an invalid entry \"b:0\" (expected host[:port], port 1..65535)",
        new JsonObject("{\"cluster\":{\"members\":\"a,b:0\"}}"));
  }

  @Test
  void clusterMembersWithAnEmptyEntryAreRejected() {
    assertMessage("cluster.members: \"a,,b\" has an invalid entry \"\" (expected host[:port], port 1..65535)",
        new JsonObject("{\"cluster\":{\"members\":\"a,,b\"}}"));
  }

  @Test
  void longValueIsShortenedInTheMessage() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> NetEchoConfig.fromJson(new JsonObject().put("port", "9".repeat(500))));

    assertTrue(e.getMessage().length() < 120, e.getMessage());
    assertTrue(e.getMessage().matches("port: \"9+\\.\\.\\. must be an integer"), e.getMessage());
  }

  @Test
  void messageIsOneLineWhenTheValueHasNewlines() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> NetEchoConfig.fromJson(new JsonObject().put("bad\nkey", "a\nb")));

    assertEquals("bad\\nkey: unknown key (value \"a\\nb\")", e.getMessage());
  }

  @Test
  void configExceptionHasNoStackTrace() {
    assertEquals(0, new ConfigException("x").getStackTrace().length);
  }

  @Test
  void shippedConfigFileIsValidAndHoldsTheDefaults() throws Exception {
    JsonObject shipped = new JsonObject(Files.readString(Path.of("conf/config.json")));

    assertEquals(NetEchoConfig.defaults(), NetEchoConfig.fromJson(shipped));
  }

  private static void assertMessage(String expected, JsonObject json) {
    ConfigException e = assertThrows(ConfigException.class, () -> NetEchoConfig.fromJson(json));
    assertEquals(expected, e.getMessage());
  }
}
