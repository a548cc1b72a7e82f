package io.netecho.config;

import io.netecho.faults.FaultProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code faults.*} keys and {@code listeners}: defaults off, strict checks, one-line messages naming the key. */
class FaultsConfigTest {

  private static void assertMessage(String expected, String json) {
    ConfigException e = assertThrows(ConfigException.class, () -> NetEchoConfig.fromJson(new JsonObject(json)));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void everyFaultIsOffByDefault() {
    assertEquals(FaultProfile.NONE, NetEchoConfig.defaults().faults());
    assertEquals(List.of(), NetEchoConfig.defaults().listeners());
  }

  @Test
  void aFaultKeepsItsSiblingDefaults() {
    FaultProfile faults = NetEchoConfig.fromJson(new JsonObject("{\"faults\":{\"latency\":{\"ms\":100}}}")).faults();
    assertEquals(new FaultProfile.Latency(100, 0, 1.0), faults.latency());
    assertEquals(FaultProfile.NONE.reset(), faults.reset());
  }

  @Test
  void anIntegerToxicityIsANumber() {
    FaultProfile faults = NetEchoConfig.fromJson(new JsonObject("{\"faults\":{\"slicer\":{\"sliceBytes\":1,\"toxicity\":0}}}")).faults();
    assertEquals(0.0, faults.slicer().toxicity());
  }

  @Test
  void toxicityAboveOneIsRejected() {
    assertMessage("faults.latency.toxicity: 1.5 is out of range 0..1", "{\"faults\":{\"latency\":{\"toxicity\":1.5}}}");
  }

  @Test
  void aStringToxicityIsRejected() {
    assertMessage("faults.reset.toxicity: \"half\" must be a number", "{\"faults\":{\"reset\":{\"toxicity\":\"half\"}}}");
  }

  @Test
  void aNegativeAmountIsRejected() {
    assertMessage("faults.bandwidth.bytesPerSecond: -1 must be >= 0", "{\"faults\":{\"bandwidth\":{\"bytesPerSecond\":-1}}}");
  }

  @Test
  void anUnknownFaultIsRejected() {
    assertMessage("faults.jitter: unknown key (value 5)", "{\"faults\":{\"jitter\":5}}");
  }

  @Test
  void aListenerOnTheMainPortIsRejected() {
    assertMessage("listeners[0].port: 8124 is already the port of the echo or of another listener",
        "{\"listeners\":[{\"port\":8124}]}");
  }

  @Test
  void twoListenersOnOnePortAreRejected() {
    assertMessage("listeners[1].port: 9000 is already the port of the echo or of another listener",
        "{\"listeners\":[{\"port\":9000},{\"port\":9000}]}");
  }

  @Test
  void aListenerWithoutAPortIsRejected() {
    assertMessage("listeners[0].port: null must be an integer 0..65535", "{\"listeners\":[{\"faults\":{}}]}");
  }

  @Test
  void aListenersBadFaultNamesTheEntryAndTheKey() {
    assertMessage("listeners[0].faults.latency.ms: -1 must be >= 0",
        "{\"listeners\":[{\"port\":9000,\"faults\":{\"latency\":{\"ms\":-1}}}]}");
  }

  @Test
  void anUnknownListenerKeyIsRejected() {
    assertMessage("listeners[0].host: unknown key (a listener has port and faults)",
        "{\"listeners\":[{\"port\":9000,\"host\":\"::1\"}]}");
  }

  @Test
  void listenersThatAreNotAnArrayAreRejected() {
    assertMessage("listeners: 9000 must be a JSON array", "{\"listeners\":9000}");
  }

  @Test
  void faultsAndListenersComeFromTheEnvironment() {
    JsonObject layer = ConfigOverrides.fromEnv(Map.of(
        "NETECHO_FAULTS_SLOW_CLOSE_MS", "250",
        "NETECHO_FAULTS_SLOWCLOSE_TOXICITY", "0.5",
        "NETECHO_LISTENERS", "[{\"port\":9000,\"faults\":{\"timeout\":{\"ms\":100}}}]"));
    NetEchoConfig config = NetEchoConfig.fromJson(layer);
    assertEquals(new FaultProfile.Delay(250, 0.5), config.faults().slowClose());
    assertEquals(9000, config.listeners().get(0).port());
    assertEquals(new FaultProfile.Delay(100, 1.0), config.listeners().get(0).faults().timeout());
  }

  @Test
  void aListenersVariableThatIsNotJsonIsRejectedNamingIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigOverrides.fromEnv(Map.of("NETECHO_LISTENERS", "9000,9001")));
    assertEquals("NETECHO_LISTENERS=9000,9001: listeners must be a JSON array", e.getMessage());
  }

  @Test
  void theProfileActsOnTheEchoPortsUnlessPortsSaysOtherwise() {
    assertEquals(List.of("tcp"), NetEchoConfig.defaults().faults().ports());
    FaultProfile both = NetEchoConfig.fromJson(new JsonObject("{\"faults\":{\"ports\":[\"tcp\",\"http\"]}}")).faults();
    assertEquals(List.of("tcp", "http"), both.ports());
    assertEquals(true, both.appliesTo("http"));
    assertEquals(List.of(), NetEchoConfig.fromJson(new JsonObject("{\"faults\":{\"ports\":[]}}")).faults().ports());
  }

  @Test
  void anUnknownPortIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> NetEchoConfig.fromJson(new JsonObject("{\"faults\":{\"ports\":[\"udp\"]}}")));
    assertTrue(e.getMessage().startsWith("faults.ports: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("must hold only \"tcp\", \"http\""), e.getMessage());
  }

  @Test
  void aPortNamedTwiceIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> NetEchoConfig.fromJson(new JsonObject("{\"faults\":{\"ports\":[\"http\",\"http\"]}}")));
    assertTrue(e.getMessage().endsWith("names \"http\" twice"), e.getMessage());
  }

  @Test
  void aListenersFaultsTakeNoOtherPorts() {
    ConfigException e = assertThrows(ConfigException.class, () -> NetEchoConfig.fromJson(
      new JsonObject("{\"listeners\":[{\"port\":9000,\"faults\":{\"ports\":[\"http\"]}}]}")));
    assertTrue(e.getMessage().startsWith("listeners[0].faults.ports: "), e.getMessage());
  }

  @Test
  void thePortsGoRoundTheJson() {
    JsonObject json = new JsonObject("{\"faults\":{\"ports\":[\"http\"]}}");
    NetEchoConfig config = NetEchoConfig.fromJson(json);
    assertEquals(config, NetEchoConfig.fromJson(NetEchoConfig.normalized(json)));
  }
}
