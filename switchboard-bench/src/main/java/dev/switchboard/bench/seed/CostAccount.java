package dev.switchboard.bench.seed;

/**
 * Cost per million tokens as the seed article defines it: what was paid to providers divided by the tokens
 * delivered to clients. A cache hit delivers tokens without paying for them; a failed attempt pays nothing here
 * (the simulated providers do not bill failures). When the gateway reports its own cost
 * ({@code x-switchboard-cost-usd}), that figure is kept beside the list-price one.
 */
public final class CostAccount {
  private final PriceSheet prices;
  private double spendUsd;
  private double reportedUsd;
  private long reportedResponses;
  private long deliveredTokens;
  private long paidTokens;

  public CostAccount(PriceSheet prices) {
    this.prices = prices;
  }

  /**
   * One answered request of {@code model} with its usage; {@code paid} is false when it was served from cache;
   * {@code reportedUsd} is the gateway's own figure, or NaN.
   */
  public void add(String model, long inputTokens, long outputTokens, boolean paid, double reportedCostUsd) {
    long tokens = inputTokens + outputTokens;
    deliveredTokens += tokens;
    if (paid) {
      spendUsd += prices.cost(model, inputTokens, outputTokens);
      paidTokens += tokens;
    }
    if (!Double.isNaN(reportedCostUsd)) {
      reportedUsd += reportedCostUsd;
      reportedResponses++;
    }
  }

  public double spendUsd() {
    return spendUsd;
  }

  public long deliveredTokens() {
    return deliveredTokens;
  }

  public long paidTokens() {
    return paidTokens;
  }

  /** Provider spend per million delivered tokens; NaN when nothing was delivered. */
  public double costPerMillionTokens() {
    return deliveredTokens == 0 ? Double.NaN : spendUsd * 1_000_000.0 / deliveredTokens;
  }

  /** The gateway's own cost figures per million delivered tokens; NaN when it reported none. */
  public double reportedCostPerMillionTokens() {
    return reportedResponses == 0 || deliveredTokens == 0 ? Double.NaN : reportedUsd * 1_000_000.0 / deliveredTokens;
  }

  public long reportedResponses() {
    return reportedResponses;
  }
}
