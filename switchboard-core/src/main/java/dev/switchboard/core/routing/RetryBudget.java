package dev.switchboard.core.routing;

import dev.switchboard.core.time.Clock;

/**
 * Bounds extra attempts (retries and hedges) so that they cannot amplify an outage: over a sliding window, extra
 * attempts may be at most {@code ratio} of the requests plus a small floor ({@code minPerSecond} per second of the
 * window) that lets a quiet gateway retry at all. The window is kept in one-second buckets. Thread-safe.
 */
final class RetryBudget {
  private static final long BUCKET_NANOS = 1_000_000_000L;

  private final Clock clock;
  private final double ratio;
  private final long floor;
  private final long[] requests;
  private final long[] extras;
  private final long[] bucketStart;

  RetryBudget(Clock clock, double ratio, int windowMillis, int minPerSecond) {
    this.clock = clock;
    this.ratio = ratio;
    int buckets = Math.max(1, (windowMillis + 999) / 1000);
    this.floor = (long) minPerSecond * buckets;
    this.requests = new long[buckets];
    this.extras = new long[buckets];
    this.bucketStart = new long[buckets];
    java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
  }

  /** Counts one client request. */
  synchronized void onRequest() {
    requests[bucket(clock.nanoTime())]++;
  }

  /** Takes one extra attempt from the budget if there is room; false means "do not retry". */
  synchronized boolean tryAcquire() {
    long now = clock.nanoTime();
    int current = bucket(now);
    long totalRequests = 0;
    long totalExtras = 0;
    long oldest = now - (long) requests.length * BUCKET_NANOS;
    for (int i = 0; i < requests.length; i++) {
      if (bucketStart[i] > oldest) {
        totalRequests += requests[i];
        totalExtras += extras[i];
      }
    }
    if (totalExtras + 1 > ratio * totalRequests + floor) {
      return false;
    }
    extras[current]++;
    return true;
  }

  synchronized long[] counts() {
    long now = clock.nanoTime();
    long oldest = now - (long) requests.length * BUCKET_NANOS;
    long totalRequests = 0;
    long totalExtras = 0;
    for (int i = 0; i < requests.length; i++) {
      if (bucketStart[i] > oldest) {
        totalRequests += requests[i];
        totalExtras += extras[i];
      }
    }
    return new long[] {totalRequests, totalExtras};
  }

  private int bucket(long now) {
    long slot = Math.floorDiv(now, BUCKET_NANOS);
    int index = (int) Math.floorMod(slot, (long) requests.length);
    long start = slot * BUCKET_NANOS;
    if (bucketStart[index] != start) {
      bucketStart[index] = start;
      requests[index] = 0;
      extras[index] = 0;
    }
    return index;
  }
}
