package dev.switchboard.core.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the admin key ({@code SWITCHBOARD_ADMIN_KEY}). Both sides are hashed before a constant-time comparison,
 * so neither the content nor the length of the key leaks through timing. Without an admin key nothing passes.
 */
public final class AdminAuthenticator {
  public static final String ADMIN_KEY_ENV = "SWITCHBOARD_ADMIN_KEY";
  private static final int MIN_LENGTH = 16;
  private final byte[] expectedDigest;

  public AdminAuthenticator(String adminKey) {
    if (adminKey != null && adminKey.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(ADMIN_KEY_ENV + ": must be at least " + MIN_LENGTH + " characters");
    }
    this.expectedDigest = adminKey == null || adminKey.isBlank() ? null : sha256(adminKey);
  }

  public static AdminAuthenticator fromEnvironment(java.util.Map<String, String> environment) {
    return new AdminAuthenticator(environment.get(ADMIN_KEY_ENV));
  }

  public boolean enabled() {
    return expectedDigest != null;
  }

  /** True when {@code presented} (the bearer token) is the admin key. */
  public boolean accepts(String presented) {
    if (expectedDigest == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
