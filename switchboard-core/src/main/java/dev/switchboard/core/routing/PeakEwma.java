package dev.switchboard.core.routing;

/**
 * A peak-sensitive exponentially weighted moving average of latency: a sample above the average replaces it at
 * once, a sample below decays it with time constant {@code decayNanos}. It reacts to a deployment slowing down
 * immediately and forgives it gradually. Thread-safe.
 */
final class PeakEwma {
  private final long decayNanos;
  private double value;
  private long lastNanos;
  private boolean seeded;

  PeakEwma(long decayNanos) {
    this.decayNanos = decayNanos;
  }

  synchronized void observe(long sampleNanos, long nowNanos) {
    if (!seeded || sampleNanos > value) {
      value = sampleNanos;
      seeded = true;
    } else {
      long elapsed = Math.max(0, nowNanos - lastNanos);
      double weight = Math.exp(-(double) elapsed / decayNanos);
      value = value * weight + sampleNanos * (1 - weight);
    }
    lastNanos = nowNanos;
  }

  /** The current average in nanoseconds, or 0 before the first sample. */
  synchronized double value() {
    return value;
  }
}
