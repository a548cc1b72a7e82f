package io.netecho.admin;

import io.netecho.log.OneLine;
import io.netecho.config.StartupException;
import io.netecho.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The token {@code POST /broadcast} requires: {@code admin.token}, or the content of
 * {@code admin.tokenFile}, read once when the admin endpoint starts (a mounted secret, kept out of
 * {@code ps} and the environment). A file that cannot be read, or holds fewer than
 * {@value ConfigKeys#ADMIN_TOKEN_MIN_CHARS} characters once trimmed, stops the start with one line that
 * names the key and the path, never the content.
 */
final class AdminToken {

  /** A token file holds one token; anything larger is the wrong file. */
  static final int MAX_FILE_BYTES = 4096;

  private static final String KEY = ConfigKeys.ADMIN_TOKEN_FILE.path();

  private AdminToken() {
  }

  /**
   * {@code token} ({@code admin.token}), or the content of the file at {@code path} when that is set;
   * either as written (it is trimmed when compared), or null when there is none.
   */
  static Future<String> load(Vertx vertx, String token, String path) {
    if (path == null) {
      return Future.succeededFuture(token);
    }
    return vertx.fileSystem().props(path)
      .compose(props -> checkSize(path, props))
      .compose(ok -> vertx.fileSystem().readFile(path))
      .recover(err -> Future.failedFuture(err instanceof StartupException ? err : unreadable(path, err)))
      .map(content -> checked(path, content.toString(StandardCharsets.UTF_8)));
  }

  private static Future<Void> checkSize(String path, FileProps props) {
    if (!props.isRegularFile()) {
      return Future.failedFuture(refused(path, "is not a regular file"));
    }
    if (props.size() > MAX_FILE_BYTES) {
      return Future.failedFuture(refused(path, "is larger than " + MAX_FILE_BYTES + " bytes; it must hold just the token"));
    }
    return Future.succeededFuture();
  }

  private static String checked(String path, String content) {
    String token = content.strip();
    if (token.isEmpty()) {
      throw refused(path, "is empty");
    }
    if (token.codePointCount(0, token.length()) < ConfigKeys.ADMIN_TOKEN_MIN_CHARS) {
      throw refused(path, "holds a token shorter than " + ConfigKeys.ADMIN_TOKEN_MIN_CHARS + " characters (whitespace trimmed)");
    }
    return token;
  }

  private static StartupException unreadable(String path, Throwable err) {
    Throwable cause = err.getCause() != null ? err.getCause() : err;
    String reason = cause instanceof NoSuchFileException ? "no such file"
      : cause instanceof AccessDeniedException ? "permission denied"
      : OneLine.of(cause);
    return new StartupException(KEY + ": cannot read " + path + ": " + reason);
  }

  private static StartupException refused(String path, String what) {
    return new StartupException(KEY + ": " + path + " " + what);
  }
}
