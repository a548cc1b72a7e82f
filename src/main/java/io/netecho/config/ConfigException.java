package io.netecho.config;

import io.netecho.log.OneLine;
/**
 * A bad configuration value: the one-line, human-readable reason the process will not start.
 *
 * <p>The message names the key, the offending value, what was expected and, when known, where the
 * value came from. It carries no stack trace: it reports a user's input, not a program fault, so
 * whoever logs it prints exactly that one line.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(OneLine.flatten(message), null, false, false);
  }
}
