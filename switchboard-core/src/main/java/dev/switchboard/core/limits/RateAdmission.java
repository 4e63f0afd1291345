package dev.switchboard.core.limits;

import java.util.List;

/**
 * The outcome of {@link RateLimiter#admit}: admitted or not, how long to wait, and what to report in the
 * {@code x-ratelimit-*} headers (for the tightest scope; -1 where no limit applies).
 */
public final class RateAdmission {
  final RateLimiter origin;
  final List<Quota> quotas;
  final long estimatedTokens;
  private final boolean allowed;
  private final long retryAfterMillis;
  private final String limitedScope;
  private final String limitedKind;
  private final long[] window;

  RateAdmission(RateLimiter origin, List<Quota> quotas, long estimatedTokens, boolean allowed,
      long retryAfterMillis, String limitedScope, String limitedKind, long[] window) {
    this.origin = origin;
    this.quotas = quotas;
    this.estimatedTokens = estimatedTokens;
    this.allowed = allowed;
    this.retryAfterMillis = retryAfterMillis;
    this.limitedScope = limitedScope;
    this.limitedKind = limitedKind;
    this.window = window;
  }

  static RateAdmission unlimited(RateLimiter origin) {
    return new RateAdmission(origin, List.of(), 0, true, 0, null, null, new long[] {-1, -1, -1, -1});
  }

  public boolean allowed() {
    return allowed;
  }

  /** How long until the limit that refused the request has room again (0 when admitted). */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }

  /** The scope that refused the request, e.g. "team:search", or null. */
  public String limitedScope() {
    return limitedScope;
  }

  /** "requests", "tokens" or "concurrency", or null. */
  public String limitedKind() {
    return limitedKind;
  }

  public long requestsLimit() {
    return window[0];
  }

  public long requestsRemaining() {
    return window[1];
  }

  public long tokensLimit() {
    return window[2];
  }

  public long tokensRemaining() {
    return window[3];
  }
}
