package dev.switchboard.core.observe;

import dev.switchboard.core.config.ObservabilityConfig.SamplingConfig;
import dev.switchboard.core.time.Randomness;
import java.util.Arrays;

/**
 * Decides whether a record keeps its bodies: always for errors and slow requests (above a fixed threshold or the
 * recent p99), otherwise at the configured rate. Metadata is always kept. Used by the log's one writer thread.
 */
final class LogSampler {
  private static final int WINDOW = 1024;
  private static final int RECOMPUTE_EVERY = 128;
  private static final int MIN_SAMPLES = 100;

  private final double rate;
  private final long slowNanos;
  private final boolean slowerThanP99;
  private final Randomness randomness;
  private final long[] recent = new long[WINDOW];
  private final long[] scratch = new long[WINDOW];
  private int size;
  private int next;
  private int sinceRecompute;
  private long p99 = Long.MAX_VALUE;

  LogSampler(SamplingConfig config, Randomness randomness) {
    this.rate = config.bodyRate();
    this.slowNanos = config.slowMs() * 1_000_000L;
    this.slowerThanP99 = config.slowerThanP99();
    this.randomness = randomness;
  }

  /** Why the bodies are kept ("error", "slow", "p99", "sampled"), or null when they are not. */
  String reasonToKeep(LogEntry entry) {
    long total = entry.totalNanos();
    String reason = null;
    if (entry.isError()) {
      reason = "error";
    } else if (total >= slowNanos) {
      reason = "slow";
    } else if (slowerThanP99 && total > p99) {
      reason = "p99";
    } else if (rate > 0 && (rate >= 1 || randomness.nextDouble() < rate)) {
      reason = "sampled";
    }
    observe(total);
    return reason;
  }

  long currentP99Nanos() {
    return p99;
  }

  private void observe(long total) {
    recent[next] = total;
    next = (next + 1) % WINDOW;
    size = Math.min(WINDOW, size + 1);
    if (++sinceRecompute >= RECOMPUTE_EVERY && size >= MIN_SAMPLES) {
      sinceRecompute = 0;
      System.arraycopy(recent, 0, scratch, 0, size);
      Arrays.sort(scratch, 0, size);
      p99 = scratch[Math.min(size - 1, (int) Math.ceil(size * 0.99) - 1)];
    }
  }
}
