package dev.switchboard.bench.seed;

/**
 * How one request ended, as the client saw it: status (0 for a transport error or timeout), latency, whether the
 * gateway answered from cache, the usage, the gateway's own cost figure (NaN if none), its attempt count and the
 * provider that answered (both null/1 for direct calls).
 */
record Outcome(Workload.Planned request, int status, long startNanos, long endNanos, boolean cacheHit,
    long inputTokens, long outputTokens, double reportedCostUsd, int attempts, String provider) {

  boolean ok() {
    return status >= 200 && status < 300;
  }

  long latencyNanos() {
    return endNanos - startNanos;
  }

  /** Whether an {@code x-switchboard-cache} value means the answer came from cache ("hit", "semantic-hit", ...). */
  static boolean isHit(String cacheHeader) {
    if (cacheHeader == null) {
      return false;
    }
    String value = cacheHeader.toLowerCase(java.util.Locale.ROOT);
    return value.contains("hit") || value.equals("semantic") || value.equals("exact");
  }

  static double parseCost(String header) {
    if (header == null || header.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(header.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
