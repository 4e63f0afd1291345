package dev.switchboard.core.governance;

import dev.switchboard.core.auth.KeyDigest;
import dev.switchboard.core.config.ConfigException;
import dev.switchboard.core.pipeline.GatewayException;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The one check of the admin key ({@code SWITCHBOARD_ADMIN_KEY}) for every admin route. Both sides are hashed
 * before a constant-time comparison, so neither the content nor the length of the key leaks through timing.
 * Without an admin key (unset or blank) the admin API is disabled: every admin call is refused with 403
 * {@code admin_disabled}. A key shorter than {@value #MIN_LENGTH} characters is a configuration error raised at
 * start-up, never per request.
 */
public final class AdminAuthenticator {
  public static final String ADMIN_KEY_ENV = "SWITCHBOARD_ADMIN_KEY";
  public static final int MIN_LENGTH = 16;
  private static final String SOURCE = ADMIN_KEY_ENV + " (or observability.admin_key)";
  private final byte[] expectedDigest;

  /**
   * {@code adminKey} null or blank disables the admin API.
   *
   * @throws ConfigException when the key is set but shorter than {@value #MIN_LENGTH} characters
   */
  public AdminAuthenticator(String adminKey) {
    String key = adminKey == null ? "" : adminKey.strip();
    if (!key.isEmpty() && key.length() < MIN_LENGTH) {
      throw new ConfigException(SOURCE + ": the admin key must be at least " + MIN_LENGTH
          + " characters (it has " + key.length() + "); unset it to disable the admin API");
    }
    this.expectedDigest = key.isEmpty() ? null : KeyDigest.sha256(key);
  }

  public static AdminAuthenticator fromEnvironment(Map<String, String> environment) {
    return fromEnvironment(environment, null);
  }

  /** The environment's {@code SWITCHBOARD_ADMIN_KEY} when set, else {@code configuredKey} (may be null). */
  public static AdminAuthenticator fromEnvironment(Map<String, String> environment, String configuredKey) {
    String fromEnvironment = environment == null ? null : environment.get(ADMIN_KEY_ENV);
    boolean set = fromEnvironment != null && !fromEnvironment.isBlank();
    return new AdminAuthenticator(set ? fromEnvironment : configuredKey);
  }

  public static AdminAuthenticator disabled() {
    return new AdminAuthenticator(null);
  }

  public boolean enabled() {
    return expectedDigest != null;
  }

  /** True when {@code presented} (the bearer token) is the admin key. */
  public boolean accepts(String presented) {
    if (expectedDigest == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, KeyDigest.sha256(presented));
  }

  /**
   * Null when the raw {@code Authorization} header carries the admin key as a bearer token; otherwise the refusal
   * to send: 403 {@code admin_disabled} without an admin key, else 401 {@code invalid_admin_key}.
   */
  public GatewayException refusal(String authorizationHeader) {
    if (expectedDigest == null) {
      return GatewayException.forbidden("The admin API is disabled: set " + SOURCE
          + " (at least " + MIN_LENGTH + " characters) to enable it.", "admin_disabled");
    }
    if (accepts(bearer(authorizationHeader))) {
      return null;
    }
    return new GatewayException(401, dev.switchboard.api.ErrorType.AUTHENTICATION, "invalid_admin_key", null,
        "A valid admin key is required: send 'Authorization: Bearer <" + ADMIN_KEY_ENV + ">'.");
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
