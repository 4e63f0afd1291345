package dev.switchboard.bench.seed;

import java.nio.file.Path;

/**
 * The knobs of {@code switchboard bench --scenario seed}. {@code quick} shortens every phase for a smoke run.
 *
 * @param failoverConcurrency requests kept open during the failover phase (smaller, so that the times it measures
 *     are not dominated by queueing)
 */
public record SeedSettings(int concurrency, long durationMillis, long ceilingMillis, long rampMillis,
    int failoverConcurrency, long faultMillis, long recoveryMillis, double latencyScale, long seed,
    double hardNegativeShare, int firstByteTimeoutMs, Path data, boolean progress) {

  /** Warm-up before measuring, per target (the JVMs run at a fraction of their speed until compiled). */
  public long warmUpMillis() {
    return Math.max(ceilingMillis, durationMillis / 4);
  }

  /** The full experiment: 10,000 requests open for 60 s per phase. */
  public static SeedSettings full(Path data) {
    return new SeedSettings(10_000, 60_000, 10_000, 5_000, 500, 8_000, 8_000, 1.0, 42, 0.2, 5_000, data, true);
  }

  /** A smoke run that finishes in well under a minute on a small machine. */
  public static SeedSettings quick(Path data) {
    return new SeedSettings(200, 2_500, 1_000, 300, 100, 1_000, 1_000, 0.2, 42, 0.2, 2_000, data, true);
  }

  public SeedSettings withConcurrency(int value) {
    return new SeedSettings(value, durationMillis, ceilingMillis, rampMillis, Math.min(failoverConcurrency, value),
        faultMillis, recoveryMillis, latencyScale, seed, hardNegativeShare, firstByteTimeoutMs, data, progress);
  }

  public SeedSettings withDuration(long millis) {
    return new SeedSettings(concurrency, millis, ceilingMillis, rampMillis, failoverConcurrency, faultMillis,
        recoveryMillis, latencyScale, seed, hardNegativeShare, firstByteTimeoutMs, data, progress);
  }

  public SeedSettings withProgress(boolean value) {
    return new SeedSettings(concurrency, durationMillis, ceilingMillis, rampMillis, failoverConcurrency,
        faultMillis, recoveryMillis, latencyScale, seed, hardNegativeShare, firstByteTimeoutMs, data, value);
  }

  public SeedSettings withLatencyScale(double value) {
    return new SeedSettings(concurrency, durationMillis, ceilingMillis, rampMillis, failoverConcurrency,
        faultMillis, recoveryMillis, value, seed, hardNegativeShare, firstByteTimeoutMs, data, progress);
  }
}
