package dev.switchboard.core.limits;

/**
 * A bucket holding up to {@code capacity} units, refilled continuously at {@code capacity} per minute. May go
 * negative when a settled charge exceeds its estimate; it then admits nothing until it has refilled.
 * Not thread-safe: the caller holds the lock.
 */
final class TokenBucket {
  private static final double NANOS_PER_MINUTE = 60_000_000_000d;
  private final double capacity;
  private double level;
  private long lastNanos;

  TokenBucket(long capacity, long nowNanos) {
    this.capacity = capacity;
    this.level = capacity;
    this.lastNanos = nowNanos;
  }

  double level(long nowNanos) {
    if (nowNanos > lastNanos) {
      level = Math.min(capacity, level + (nowNanos - lastNanos) * capacity / NANOS_PER_MINUTE);
      lastNanos = nowNanos;
    }
    return level;
  }

  boolean has(double units, long nowNanos) {
    return level(nowNanos) >= Math.min(units, capacity);
  }

  void take(double units) {
    level -= Math.min(units, capacity);
  }

  /** Corrects an earlier {@link #take} of {@code charged} units to the {@code actual} units used. */
  void settle(double charged, double actual, long nowNanos) {
    level(nowNanos);
    level = Math.min(capacity, level + Math.min(charged, capacity) - actual);
  }

  /** Milliseconds until {@code units} (capped at capacity) are available. */
  long millisUntil(double units, long nowNanos) {
    double missing = Math.min(units, capacity) - level(nowNanos);
    if (missing <= 0) {
      return 0;
    }
    return (long) Math.ceil(missing * 60_000d / capacity);
  }

  long capacity() {
    return (long) capacity;
  }
}
