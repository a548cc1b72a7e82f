package io.netecho.config;

import io.netecho.faults.FaultProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import static io.netecho.config.ConfigKeys.FAULTS_BANDWIDTH_BYTES_PER_SECOND;
import static io.netecho.config.ConfigKeys.FAULTS_BANDWIDTH_TOXICITY;
import static io.netecho.config.ConfigKeys.FAULTS_CLOSE_AFTER_BYTES;
import static io.netecho.config.ConfigKeys.FAULTS_CLOSE_AFTER_MS;
import static io.netecho.config.ConfigKeys.FAULTS_CLOSE_TOXICITY;
import static io.netecho.config.ConfigKeys.FAULTS_LATENCY_JITTER_MS;
import static io.netecho.config.ConfigKeys.FAULTS_LATENCY_MS;
import static io.netecho.config.ConfigKeys.FAULTS_LATENCY_TOXICITY;
import static io.netecho.config.ConfigKeys.FAULTS_PORTS;
import static io.netecho.config.ConfigKeys.FAULTS_RESET_AFTER_BYTES;
import static io.netecho.config.ConfigKeys.FAULTS_RESET_AFTER_MS;
import static io.netecho.config.ConfigKeys.FAULTS_RESET_TOXICITY;
import static io.netecho.config.ConfigKeys.FAULTS_SLICER_SLICE_BYTES;
import static io.netecho.config.ConfigKeys.FAULTS_SLICER_SLICE_DELAY_MS;
import static io.netecho.config.ConfigKeys.FAULTS_SLICER_TOXICITY;
import static io.netecho.config.ConfigKeys.FAULTS_SLOW_CLOSE_MS;
import static io.netecho.config.ConfigKeys.FAULTS_SLOW_CLOSE_TOXICITY;
import static io.netecho.config.ConfigKeys.FAULTS_TIMEOUT_MS;
import static io.netecho.config.ConfigKeys.FAULTS_TIMEOUT_TOXICITY;

/**
 * The {@code faults} section as a {@link FaultProfile}, read and written through its keys. The same
 * section configures the main port (and, with {@code ports}, the HTTP port), each of the
 * {@code listeners}, and {@code PUT /faults}, so all three take the same keys, ranges and one-line errors.
 */
public final class FaultsSection {

  private static final String NAME = "faults";

  private FaultsSection() {
  }

  /**
   * The profile a {@code faults} object describes; absent keys are off.
   *
   * @throws ConfigException naming the first bad key, e.g. {@code faults.latency.ms}, and its value, or
   *     saying that {@code section} is not an object
   */
  public static FaultProfile fromJson(Object section) {
    return read(ConfigValues.validate(new JsonObject().put(NAME, section)));
  }

  /** Every key of the section, as in the configuration. */
  public static JsonObject toJson(FaultProfile faults) {
    JsonObject json = new JsonObject();
    write(json, faults);
    return json.getJsonObject(NAME);
  }

  static FaultProfile read(ConfigValues v) {
    return new FaultProfile(
      new FaultProfile.Latency(v.integer(FAULTS_LATENCY_MS), v.integer(FAULTS_LATENCY_JITTER_MS),
        v.number(FAULTS_LATENCY_TOXICITY)),
      new FaultProfile.Bandwidth(v.integer(FAULTS_BANDWIDTH_BYTES_PER_SECOND), v.number(FAULTS_BANDWIDTH_TOXICITY)),
      new FaultProfile.Slicer(v.integer(FAULTS_SLICER_SLICE_BYTES), v.integer(FAULTS_SLICER_SLICE_DELAY_MS),
        v.number(FAULTS_SLICER_TOXICITY)),
      new FaultProfile.Cutoff(v.integer(FAULTS_CLOSE_AFTER_BYTES), v.integer(FAULTS_CLOSE_AFTER_MS),
        v.number(FAULTS_CLOSE_TOXICITY)),
      new FaultProfile.Cutoff(v.integer(FAULTS_RESET_AFTER_BYTES), v.integer(FAULTS_RESET_AFTER_MS),
        v.number(FAULTS_RESET_TOXICITY)),
      new FaultProfile.Delay(v.integer(FAULTS_SLOW_CLOSE_MS), v.number(FAULTS_SLOW_CLOSE_TOXICITY)),
      new FaultProfile.Delay(v.integer(FAULTS_TIMEOUT_MS), v.number(FAULTS_TIMEOUT_TOXICITY)),
      v.array(FAULTS_PORTS).stream().map(String.class::cast).toList());
  }

  private static void write(JsonObject json, FaultProfile faults) {
    FAULTS_LATENCY_MS.put(json, faults.latency().ms());
    FAULTS_LATENCY_JITTER_MS.put(json, faults.latency().jitterMs());
    FAULTS_LATENCY_TOXICITY.put(json, faults.latency().toxicity());
    FAULTS_BANDWIDTH_BYTES_PER_SECOND.put(json, faults.bandwidth().bytesPerSecond());
    FAULTS_BANDWIDTH_TOXICITY.put(json, faults.bandwidth().toxicity());
    FAULTS_SLICER_SLICE_BYTES.put(json, faults.slicer().sliceBytes());
    FAULTS_SLICER_SLICE_DELAY_MS.put(json, faults.slicer().sliceDelayMs());
    FAULTS_SLICER_TOXICITY.put(json, faults.slicer().toxicity());
    FAULTS_CLOSE_AFTER_BYTES.put(json, faults.close().afterBytes());
    FAULTS_CLOSE_AFTER_MS.put(json, faults.close().afterMs());
    FAULTS_CLOSE_TOXICITY.put(json, faults.close().toxicity());
    FAULTS_RESET_AFTER_BYTES.put(json, faults.reset().afterBytes());
    FAULTS_RESET_AFTER_MS.put(json, faults.reset().afterMs());
    FAULTS_RESET_TOXICITY.put(json, faults.reset().toxicity());
    FAULTS_SLOW_CLOSE_MS.put(json, faults.slowClose().ms());
    FAULTS_SLOW_CLOSE_TOXICITY.put(json, faults.slowClose().toxicity());
    FAULTS_TIMEOUT_MS.put(json, faults.timeout().ms());
    FAULTS_TIMEOUT_TOXICITY.put(json, faults.timeout().toxicity());
    FAULTS_PORTS.put(json, new JsonArray(faults.ports()));
  }
}
