package dev.switchboard.sim;

/**
 * How fast a simulated model answers: time to first token and output speed, each lognormal with a given median
 * and 99th percentile. {@link #INSTANT} answers at once (for overhead benchmarks).
 */
public record LatencyProfile(double ttftP50Ms, double ttftP99Ms, double tokensPerSecondP50,
    double tokensPerSecondP99Low) {

  public static final LatencyProfile INSTANT = new LatencyProfile(0, 0, 0, 0);
  /** Calibrated to public measurements of GPT-4o: ~0.35 s to first token, ~80 tokens/s. */
  public static final LatencyProfile GPT_4O = new LatencyProfile(350, 1100, 80, 35);
  /** Claude 3.5 Sonnet: ~0.45 s to first token, ~60 tokens/s. */
  public static final LatencyProfile CLAUDE_3_5_SONNET = new LatencyProfile(450, 1400, 60, 28);
  /** Gemini 1.5 Pro: ~0.40 s to first token, ~70 tokens/s. */
  public static final LatencyProfile GEMINI_1_5_PRO = new LatencyProfile(400, 1300, 70, 30);

  /** Cohere Command R+: an estimate (not a published measurement) of ~0.30 s to first token, ~50 tokens/s. */
  public static final LatencyProfile COMMAND_R_PLUS = new LatencyProfile(300, 1000, 50, 22);

  private static final double Z99 = 2.3263;

  public boolean isInstant() {
    return ttftP50Ms <= 0 && tokensPerSecondP50 <= 0;
  }

  /** The same shape, every duration multiplied by {@code factor} (for quick demos). */
  public LatencyProfile scaled(double factor) {
    if (isInstant()) {
      return this;
    }
    return new LatencyProfile(ttftP50Ms * factor, ttftP99Ms * factor, tokensPerSecondP50 / factor,
        tokensPerSecondP99Low / factor);
  }

  /** Draws a time to first token in milliseconds from a standard normal sample {@code z}. */
  public double ttftMillis(double z) {
    if (ttftP50Ms <= 0) {
      return 0;
    }
    double sigma = Math.log(Math.max(ttftP99Ms, ttftP50Ms) / ttftP50Ms) / Z99;
    return Math.exp(Math.log(ttftP50Ms) + sigma * z);
  }

  /** Draws an output speed in tokens per second (slower in the tail) from a standard normal sample {@code z}. */
  public double tokensPerSecond(double z) {
    if (tokensPerSecondP50 <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double low = tokensPerSecondP99Low > 0 ? tokensPerSecondP99Low : tokensPerSecondP50;
    double sigma = Math.log(tokensPerSecondP50 / low) / Z99;
    return Math.exp(Math.log(tokensPerSecondP50) - sigma * Math.abs(z));
  }
}
