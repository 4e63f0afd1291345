package dev.switchboard.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds (1 µs to 1 hour, 3 significant digits) with the percentiles the reports print.
 * Not thread-safe: each recorder is used on one event loop, and merged afterwards.
 */
public final class LatencyRecorder {
  private static final long MAX_MICROS = 3_600_000_000L;
  private final Histogram histogram = new Histogram(1, MAX_MICROS, 3);

  public void recordNanos(long nanos) {
    recordMicros(Math.max(1, nanos / 1_000));
  }

  public void recordMicros(long micros) {
    histogram.recordValue(Math.min(MAX_MICROS, Math.max(1, micros)));
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The value at {@code percentile} (0–100) in milliseconds; NaN when nothing was recorded. */
  public double percentileMillis(double percentile) {
    return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
  }

  public double meanMillis() {
    return count() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
  }

  public void add(LatencyRecorder other) {
    histogram.add(other.histogram);
  }
}
