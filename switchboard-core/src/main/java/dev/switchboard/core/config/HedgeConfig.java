package dev.switchboard.core.config;

/**
 * Hedged requests: when an attempt has not answered (for a stream: sent its first event) within the hedge delay,
 * a second attempt goes to another deployment and the first good answer wins. The delay is {@code delay_ms} when
 * set, otherwise the group's recent p95 (measured over at least {@code min_samples} attempts), never below
 * {@code min_delay_ms}. Hedges count against the retry budget.
 */
public record HedgeConfig(Boolean enabled, Integer delayMs, Integer minDelayMs, Integer minSamples,
    Integer maxHedges) {
  public HedgeConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    minDelayMs = minDelayMs == null ? 25 : minDelayMs;
    minSamples = minSamples == null ? 20 : minSamples;
    maxHedges = maxHedges == null ? 1 : maxHedges;
  }

  public static HedgeConfig defaults() {
    return new HedgeConfig(null, null, null, null, null);
  }
}
