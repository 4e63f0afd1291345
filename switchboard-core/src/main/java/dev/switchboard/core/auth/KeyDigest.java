package dev.switchboard.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 of a secret (client key, virtual key, admin key): keys are stored and compared only as digests.
 * One digest instance per thread, so the hot path does no provider look-up.
 */
public final class KeyDigest {
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  });

  private KeyDigest() {}

  /** The SHA-256 of the UTF-8 bytes of {@code secret}. */
  public static byte[] sha256(String secret) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #sha256} as lower-case hex. */
  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }
}
