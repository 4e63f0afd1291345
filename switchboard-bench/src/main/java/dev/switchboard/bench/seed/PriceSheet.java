package dev.switchboard.bench.seed;

import dev.switchboard.core.usage.PriceCatalog;
import java.util.List;

/** Prices per model, in US dollars per million tokens. */
public interface PriceSheet {
  /** Input and output price per million tokens. */
  record Price(double inputPerMillion, double outputPerMillion) {}

  /** The price of {@code model}, or null when it is unknown. */
  Price price(String model);

  /** What {@code inputTokens} and {@code outputTokens} of {@code model} cost; 0 for an unknown model. */
  default double cost(String model, long inputTokens, long outputTokens) {
    Price price = price(model);
    if (price == null) {
      return 0;
    }
    return (inputTokens * price.inputPerMillion() + outputTokens * price.outputPerMillion()) / 1_000_000.0;
  }

  /** The prices the seed experiment uses: the bundled price catalogue. */
  static PriceSheet seed() {
    return new CatalogPrices(PriceCatalog.load(List.of()));
  }
}
