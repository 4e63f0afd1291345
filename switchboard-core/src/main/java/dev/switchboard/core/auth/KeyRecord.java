package dev.switchboard.core.auth;

import dev.switchboard.core.pipeline.Principal;

/** A stored key as the resolver needs it: who it is, until when it is valid, and whether it was revoked. */
public record KeyRecord(Principal principal, Long expiresAtMillis, boolean revoked) {
  public boolean activeAt(long epochMillis) {
    return !revoked && (expiresAtMillis == null || epochMillis < expiresAtMillis);
  }
}
