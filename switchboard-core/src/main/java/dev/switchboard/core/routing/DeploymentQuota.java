package dev.switchboard.core.routing;

import dev.switchboard.core.config.DeploymentConfig;

/**
 * What a deployment may still take: requests and tokens per minute (fixed one-minute windows on the monotonic
 * clock) and USD per UTC day (on the wall clock). Unlimited where not configured. Thread-safe.
 */
final class DeploymentQuota {
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final long DAY_MILLIS = 86_400_000L;

  private final Long rpm;
  private final Long tpm;
  private final Double dailyBudgetUsd;
  private long minute = Long.MIN_VALUE;
  private long requests;
  private long tokens;
  private long day = Long.MIN_VALUE;
  private double spentUsd;

  DeploymentQuota(DeploymentConfig config) {
    this.rpm = config.rpm();
    this.tpm = config.tpm();
    this.dailyBudgetUsd = config.dailyBudgetUsd();
  }

  boolean limited() {
    return rpm != null || tpm != null || dailyBudgetUsd != null;
  }

  /** Whether another request of about {@code estimatedTokens} fits the remaining quota. */
  synchronized boolean hasRoom(long nowNanos, long epochMillis, long estimatedTokens) {
    roll(nowNanos, epochMillis);
    if (rpm != null && requests >= rpm) {
      return false;
    }
    if (tpm != null && tokens + estimatedTokens > tpm) {
      return false;
    }
    return dailyBudgetUsd == null || spentUsd < dailyBudgetUsd;
  }

  synchronized void onRequest(long nowNanos, long epochMillis, long estimatedTokens) {
    roll(nowNanos, epochMillis);
    requests++;
    tokens += estimatedTokens;
  }

  /** Corrects the token estimate with the real usage, and adds the cost. */
  synchronized void onUsage(long nowNanos, long epochMillis, long estimatedTokens, long actualTokens,
      double costUsd) {
    roll(nowNanos, epochMillis);
    tokens = Math.max(0, tokens - estimatedTokens + actualTokens);
    spentUsd += costUsd;
  }

  synchronized String describe(long nowNanos, long epochMillis) {
    roll(nowNanos, epochMillis);
    return "requests=" + requests + (rpm == null ? "" : "/" + rpm) + " tokens=" + tokens
        + (tpm == null ? "" : "/" + tpm) + " spent_usd=" + String.format(java.util.Locale.ROOT, "%.4f", spentUsd)
        + (dailyBudgetUsd == null ? "" : "/" + dailyBudgetUsd);
  }

  private void roll(long nowNanos, long epochMillis) {
    long currentMinute = Math.floorDiv(nowNanos, MINUTE_NANOS);
    if (currentMinute != minute) {
      minute = currentMinute;
      requests = 0;
      tokens = 0;
    }
    long currentDay = Math.floorDiv(epochMillis, DAY_MILLIS);
    if (currentDay != day) {
      day = currentDay;
      spentUsd = 0;
    }
  }
}
