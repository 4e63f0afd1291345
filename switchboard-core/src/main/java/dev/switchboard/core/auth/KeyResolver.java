package dev.switchboard.core.auth;

import dev.switchboard.core.pipeline.Principal;
import io.vertx.core.Future;

/** Turns a presented client key into a principal, or null when the key is unknown. */
public interface KeyResolver {
  Future<Principal> resolve(String presentedKey);
}
