package io.netecho.config;

/**
 * A reason the process cannot start, worded for the one line the launcher prints; it carries no
 * stack trace because the message is the whole story.
 */
public final class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message, null, false, false);
  }
}
