package dev.switchboard.core.usage;

/** The cost of one request from its normalised usage and the model's price. Pure. */
public final class CostCalculator {
  private static final double PER_MILLION = 1_000_000.0;

  private CostCalculator() {}

  /**
   * USD for {@code usage} at {@code price}. Prompt tokens include cached and cache-creation tokens, completion
   * tokens include reasoning tokens (see {@link Usage}); each token is priced once.
   */
  public static double cost(Usage usage, ModelPrice price) {
    if (usage == null || price == null) {
      return 0;
    }
    double input = price.input();
    double cachedInput = price.cachedInput();
    double cacheWrite = price.cacheWrite();
    double output = price.output();
    double reasoning = price.reasoning();
    ModelPrice.LongContextTier tier = price.longContext();
    if (tier != null && usage.promptTokens() > tier.threshold()) {
      input = tier.input();
      cachedInput = tier.cachedInput();
      cacheWrite = tier.cacheWrite();
      reasoning = reasoning == output ? tier.output() : reasoning;
      output = tier.output();
    }
    long cached = Math.max(0, usage.cachedTokens());
    long creation = Math.max(0, usage.cacheCreationTokens());
    long uncached = Math.max(0, usage.promptTokens() - cached - creation);
    long reasoningTokens = Math.min(Math.max(0, usage.reasoningTokens()), Math.max(0, usage.completionTokens()));
    long visible = Math.max(0, usage.completionTokens() - reasoningTokens);
    double micro = uncached * input + cached * cachedInput + creation * cacheWrite + visible * output
        + reasoningTokens * reasoning;
    return micro / PER_MILLION;
  }
}
