package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthConfig;
import dev.switchboard.core.config.StaticKeyConfig;
import dev.switchboard.core.pipeline.Principal;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Keys declared in the configuration file. Looked up by their SHA-256 digest, so the comparison never depends on
 * how many leading characters of a guess are right.
 */
public final class StaticKeyResolver implements KeyResolver {
  private static final Future<Principal> UNKNOWN = Future.succeededFuture(null);
  private final Map<String, Future<Principal>> byDigest = new HashMap<>();

  public StaticKeyResolver(AuthConfig auth) {
    for (StaticKeyConfig key : auth.keys()) {
      String id = "static:" + (key.name() != null ? key.name() : digest(key.key()).substring(0, 12));
      Principal principal = new Principal(id, key.name(), key.team(), null, key.models(), Map.of());
      byDigest.put(digest(key.key()), Future.succeededFuture(principal));
    }
  }

  @Override
  public Future<Principal> resolve(String presentedKey) {
    Future<Principal> found = byDigest.get(digest(presentedKey));
    return found != null ? found : UNKNOWN;
  }

  public boolean isEmpty() {
    return byDigest.isEmpty();
  }

  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  });

  /** Hex SHA-256 of a key; one digest instance per thread, so the hot path does no provider look-up. */
  public static String digest(String key) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
  }

}
