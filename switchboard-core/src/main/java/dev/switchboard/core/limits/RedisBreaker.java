package dev.switchboard.core.limits;

import dev.switchboard.core.time.Clock;

/**
 * Stops asking Redis while it is failing, so that a dead or overloaded Redis costs each request nothing instead of
 * a full timeout. Closed: every call goes to Redis. After {@code failureThreshold} consecutive failures (errors or
 * timeouts) it opens for {@code openMillis}: callers go straight to their local fallback. Then one probe call is let
 * through (half-open); its success closes the breaker, its failure opens it again. Thread-safe; shared by the
 * limiter and the ledger of one node.
 */
public final class RedisBreaker {
  private final Clock clock;
  private final int failureThreshold;
  private final long openMillis;
  private int consecutiveFailures;
  private long openUntilMillis = -1;
  private boolean probing;

  public RedisBreaker(Clock clock, int failureThreshold, long openMillis) {
    this.clock = clock;
    this.failureThreshold = Math.max(1, failureThreshold);
    this.openMillis = openMillis;
  }

  /** True when the caller may ask Redis now (closed, or the single half-open probe). */
  public synchronized boolean allowRequest() {
    if (openUntilMillis < 0) {
      return true;
    }
    if (clock.epochMillis() < openUntilMillis || probing) {
      return false;
    }
    probing = true;
    return true;
  }

  public synchronized void success() {
    consecutiveFailures = 0;
    openUntilMillis = -1;
    probing = false;
  }

  public synchronized void failure() {
    consecutiveFailures++;
    if (probing || consecutiveFailures >= failureThreshold) {
      openUntilMillis = clock.epochMillis() + openMillis;
      probing = false;
    }
  }

  /** True while callers are sent to their fallback without asking Redis. */
  public synchronized boolean open() {
    return openUntilMillis >= 0;
  }
}
