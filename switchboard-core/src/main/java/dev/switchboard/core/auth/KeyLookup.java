package dev.switchboard.core.auth;

import io.vertx.core.Future;

/** Finds a stored key by the SHA-256 hex digest of its secret; completes with null when there is none. */
public interface KeyLookup {
  Future<KeyRecord> findByDigest(String digest);
}
