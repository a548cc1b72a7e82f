package io.netecho.admin;

import io.netecho.config.ConfigException;
import io.netecho.config.FaultsSection;
import io.netecho.faults.FaultDealer;
import io.netecho.faults.FaultProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /faults} and {@code PUT /faults}: the main port's fault profile as JSON (with the ports
 * it acts on, {@code ports}: the echo's, and the HTTP port when it names {@code http}), and its
 * replacement, validated exactly as the {@code faults} section of the configuration (same keys,
 * same ranges, same one-line errors naming the key). A new profile applies to connections accepted
 * after it; open connections keep what they were dealt. The HTTP side (token, status codes) is the
 * admin endpoint's.
 */
public final class FaultsApi {

  private static final Logger LOG = LoggerFactory.getLogger(FaultsApi.class);

  private final FaultDealer dealer;

  public FaultsApi(FaultDealer dealer) {
    this.dealer = dealer;
  }

  /** The profile new connections get, every key present. */
  public JsonObject current() {
    return FaultsSection.toJson(dealer.profile());
  }

  /**
   * Replaces the profile with {@code body}; absent keys take their defaults (off), so an empty
   * object turns every fault off. Answers the new profile.
   *
   * @throws BadProfile naming the first bad key and its value; the profile is then unchanged
   */
  public JsonObject replace(JsonObject body) {
    FaultProfile next;
    try {
      next = FaultsSection.fromJson(body);
    } catch (ConfigException e) {
      throw new BadProfile(e.getMessage());
    }
    dealer.replace(next);
    LOG.info("faults for new connections: {} (ports {})", next.describe(), String.join(", ", next.ports()));
    return FaultsSection.toJson(next);
  }

  /** {@link #replace(JsonObject)} of a request body, which must be one JSON object. */
  public JsonObject replace(Buffer body) {
    Object json;
    try {
      json = body.length() == 0 ? null : body.toJsonValue();
    } catch (DecodeException e) {
      throw new BadProfile("the body is not valid JSON");
    }
    if (!(json instanceof JsonObject object)) {
      throw new BadProfile("the body must be a JSON object, e.g. {\"latency\":{\"ms\":100}}");
    }
    return replace(object);
  }

  /** A profile that cannot be used; the message is one line, fit for the client and the log. */
  public static final class BadProfile extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadProfile(String message) {
      super(message, null, false, false);
    }
  }
}
