package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthConfig;
import dev.switchboard.core.config.StaticKeyConfig;
import dev.switchboard.core.pipeline.Principal;
import io.vertx.core.Future;
import java.util.HashMap;
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

  /** Hex SHA-256 of a key (see {@link KeyDigest}). */
  public static String digest(String key) {
    return KeyDigest.sha256Hex(key);
  }
}
