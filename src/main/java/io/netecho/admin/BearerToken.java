package io.netecho.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code admin.token} an {@code Authorization: Bearer <token>} header must carry. Both sides are
 * trimmed by one rule ({@link String#strip}), so a token file's final newline is not part of the token,
 * then hashed to SHA-256 and compared with {@link MessageDigest#isEqual}, so the time taken reveals
 * neither the token's content nor its length.
 */
final class BearerToken {

  private static final String SCHEME = "Bearer ";

  private final byte[] expected;

  /** {@code token} may be null: no token is configured. */
  BearerToken(String token) {
    this.expected = token == null ? null : sha256(token.strip());
  }

  boolean configured() {
    return expected != null;
  }

  /** True when {@code authorization} is {@code Bearer <the token>} (the scheme in any case). */
  boolean matches(String authorization) {
    if (expected == null || authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256(authorization.substring(SCHEME.length()).strip()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
