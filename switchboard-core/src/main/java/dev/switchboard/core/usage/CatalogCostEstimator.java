package dev.switchboard.core.usage;

import dev.switchboard.core.limits.CostEstimator;
import dev.switchboard.core.limits.Money;

/**
 * Budgets priced from the price catalogue: the reservation uses the model's list prices (input for the prompt,
 * output for the maximum completion) and settlement prices the reported usage exactly; models the catalogue does
 * not know fall back to {@code fallback}.
 */
public final class CatalogCostEstimator implements CostEstimator {
  private final PriceCatalog catalog;
  private final CostEstimator fallback;

  public CatalogCostEstimator(PriceCatalog catalog, CostEstimator fallback) {
    this.catalog = catalog;
    this.fallback = fallback;
  }

  @Override
  public long estimateMicros(String model, long promptTokens, long maxCompletionTokens) {
    ModelPrice price = catalog.find(null, model);
    if (price == null) {
      return fallback.estimateMicros(model, promptTokens, maxCompletionTokens);
    }
    return Money.toMicrosCeil((promptTokens * price.input() + maxCompletionTokens * price.output()) / 1_000_000d);
  }

  @Override
  public long costMicros(String model, Usage usage) {
    ModelPrice price = catalog.find(null, model);
    if (price == null) {
      return fallback.costMicros(model, usage);
    }
    return Money.toMicrosCeil(CostCalculator.cost(usage, price));
  }
}
