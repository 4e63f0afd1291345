package dev.switchboard.core.limits;

/**
 * Rate limits of one scope (a key, a team, a customer or a model). A null field means no limit of that kind.
 */
public record RateLimits(Long requestsPerMinute, Long tokensPerMinute, Integer maxConcurrent) {
  public static final RateLimits NONE = new RateLimits(null, null, null);

  public RateLimits {
    requirePositive("requests_per_minute", requestsPerMinute);
    requirePositive("tokens_per_minute", tokensPerMinute);
    if (maxConcurrent != null && maxConcurrent <= 0) {
      throw new IllegalArgumentException("max_concurrent: must be positive");
    }
  }

  public boolean isEmpty() {
    return requestsPerMinute == null && tokensPerMinute == null && maxConcurrent == null;
  }

  /** The same limits divided between {@code nodes} nodes, never below one. Used by the local fallback. */
  public RateLimits shareOf(int nodes) {
    if (nodes <= 1) {
      return this;
    }
    return new RateLimits(divide(requestsPerMinute, nodes), divide(tokensPerMinute, nodes),
        maxConcurrent == null ? null : Math.max(1, maxConcurrent / nodes));
  }

  private static Long divide(Long value, int nodes) {
    return value == null ? null : Math.max(1L, value / nodes);
  }

  private static void requirePositive(String field, Long value) {
    if (value != null && value <= 0) {
      throw new IllegalArgumentException(field + ": must be positive");
    }
  }
}
