package io.netecho.launcher;

import io.netecho.log.OneLine;
import io.netecho.config.StartupException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code -conf} value, read as both Vert.x launchers read it (a JSON file, else inline JSON),
 * but strictly: where they log a warning and start with an empty configuration, we stop.
 */
final class ConfArgument {

  private ConfArgument() {
  }

  /** The parsed object, or null when {@code -conf} was not given. */
  static JsonObject read(String value) {
    if (value == null) {
      return null;
    }
    Path file = pathOrNull(value);
    if (file != null && Files.isRegularFile(file)) {
      try {
        return new JsonObject(Files.readString(file));
      } catch (IOException e) {
        throw new StartupException("-conf " + value + ": cannot read the file: " + e.getMessage());
      } catch (DecodeException e) {
        throw new StartupException("-conf " + value + ": not valid JSON: " + firstLine(e.getMessage()));
      }
    }
    try {
      return new JsonObject(value);
    } catch (DecodeException e) {
      throw new StartupException("-conf " + shorten(value) + ": neither a JSON file nor a JSON object");
    }
  }

  private static Path pathOrNull(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static String shorten(String value) {
    return OneLine.shorten(value.replaceAll("\\s+", " "), 60);
  }
}
