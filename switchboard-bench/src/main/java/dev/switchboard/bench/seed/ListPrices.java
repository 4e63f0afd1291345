package dev.switchboard.bench.seed;

import java.util.Map;

/**
 * Public list prices (USD per million tokens, standard tier, prompts up to 128k tokens) of the three models of the
 * seed experiment: GPT-4o $2.50 in / $10.00 out; Claude 3.5 Sonnet $3.00 / $15.00; Gemini 1.5 Pro $1.25 / $5.00.
 */
final class ListPrices implements PriceSheet {
  static final ListPrices INSTANCE = new ListPrices();

  private static final Map<String, Price> PRICES = Map.of(
      "gpt-4o", new Price(2.50, 10.00),
      "claude-3-5-sonnet", new Price(3.00, 15.00),
      "gemini-1.5-pro", new Price(1.25, 5.00));

  private ListPrices() {}

  @Override
  public Price price(String model) {
    Price exact = PRICES.get(model);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, Price> entry : PRICES.entrySet()) {
      if (model.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }
}
