package dev.switchboard.core.routing;

import dev.switchboard.core.time.Randomness;

/** Exponential backoff with equal jitter, honouring a provider's Retry-After. */
final class Backoff {
  private Backoff() {}

  /**
   * The wait before retry number {@code retry} (1 for the first retry of a deployment): a uniform value in
   * [cap/2, cap] where cap = min(max, base · 2^(retry-1)); at least {@code retryAfterMillis} when that is known.
   */
  static long delayMillis(int retry, long baseMillis, long maxMillis, long retryAfterMillis, Randomness random) {
    int shift = Math.max(0, Math.min(20, retry - 1));
    long cap = Math.min(maxMillis, baseMillis << shift);
    long half = cap / 2;
    long jittered = half + (long) (random.nextDouble() * (cap - half + 1));
    jittered = Math.min(cap, jittered);
    return retryAfterMillis >= 0 ? Math.max(jittered, retryAfterMillis) : jittered;
  }
}
