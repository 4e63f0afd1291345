package dev.switchboard.core.limits;

import io.vertx.core.Future;
import java.util.List;

/**
 * Admits requests against the rate limits of several scopes at once: either every scope has room and all are
 * charged, or none is. Tokens are charged with an estimate at admission and corrected at {@link #settle}.
 */
public interface RateLimiter {
  /** Charges one request and {@code estimatedTokens} to every quota with rate limits. */
  Future<RateAdmission> admit(List<Quota> quotas, long estimatedTokens);

  /** Ends an admitted request: frees its concurrency slot and corrects the token charge to {@code actualTokens}. */
  void settle(RateAdmission admission, long actualTokens);
}
