package dev.switchboard.core.limits;

import dev.switchboard.core.usage.Usage;

/** Prices a request for budgets: an upper estimate before it runs, the real cost after. In micro-dollars. */
public interface CostEstimator {
  /** The most the request can cost: its estimated prompt plus its maximum completion, at the model's prices. */
  long estimateMicros(String model, long promptTokens, long maxCompletionTokens);

  /** What the request cost, from the usage the provider reported. */
  long costMicros(String model, Usage usage);

  /** One price for every model, per million tokens (the fallback when no catalogue is connected). */
  static CostEstimator flat(double inputUsdPerMillion, double outputUsdPerMillion) {
    return new CostEstimator() {
      @Override
      public long estimateMicros(String model, long promptTokens, long maxCompletionTokens) {
        return Money.toMicrosCeil((promptTokens * inputUsdPerMillion + maxCompletionTokens * outputUsdPerMillion)
            / 1_000_000d);
      }

      @Override
      public long costMicros(String model, Usage usage) {
        return Money.toMicrosCeil((usage.promptTokens() * inputUsdPerMillion
            + usage.completionTokens() * outputUsdPerMillion) / 1_000_000d);
      }
    };
  }
}
