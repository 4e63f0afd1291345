package dev.switchboard.core.routing;

import java.util.Arrays;

/** The most recent attempt latencies of a group, for its p95 (the default hedge delay). Thread-safe. */
final class LatencyWindow {
  private static final long RECOMPUTE_NANOS = 100_000_000L;

  private final long[] samples;
  private int count;
  private int next;
  private long cachedP95 = -1;
  private long computedAt;
  private int computedCount = -1;

  LatencyWindow(int capacity) {
    this.samples = new long[capacity];
  }

  synchronized void record(long nanos) {
    samples[next] = nanos;
    next = (next + 1) % samples.length;
    if (count < samples.length) {
      count++;
    }
  }

  synchronized int size() {
    return count;
  }

  /** The 95th percentile in nanoseconds, or -1 with fewer than {@code minSamples} samples. */
  synchronized long p95(int minSamples, long nowNanos) {
    if (count < minSamples) {
      return -1;
    }
    if (cachedP95 >= 0 && computedCount == count && nowNanos - computedAt < RECOMPUTE_NANOS) {
      return cachedP95;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(0.95 * count) - 1;
    cachedP95 = sorted[Math.max(0, Math.min(count - 1, index))];
    computedAt = nowNanos;
    computedCount = count;
    return cachedP95;
  }
}
