package dev.switchboard.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostAccountTest {
  /** Fixed prices, so the arithmetic is checked on fixed inputs whatever the catalogue says today. */
  private static final PriceSheet FIXED = model -> switch (model) {
    case "gpt-4o" -> new PriceSheet.Price(2.50, 10.00);
    case "claude-3-5-sonnet" -> new PriceSheet.Price(3.00, 15.00);
    case "gemini-1.5-pro" -> new PriceSheet.Price(1.25, 5.00);
    default -> null;
  };

  @Test
  void seedPrices_comeFromTheBundledCatalogue() {
    dev.switchboard.core.usage.PriceCatalog catalog = dev.switchboard.core.usage.PriceCatalog.load(
        java.util.List.of());
    for (String model : java.util.List.of("gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro")) {
      PriceSheet.Price price = PriceSheet.seed().price(model);
      assertThat(price).as(model).isNotNull();
      assertThat(price.inputPerMillion()).isEqualTo(catalog.find(null, model).input()).isPositive();
      assertThat(price.outputPerMillion()).isEqualTo(catalog.find(null, model).output()).isPositive();
    }
  }
  @Test
  void costPerMillion_paidAndCachedAnswers_dividesSpendByDeliveredTokens() {
    CostAccount account = new CostAccount(FIXED);
    // gpt-4o: 1,000 in x $2.50/M + 500 out x $10/M = $0.0075
    account.add("gpt-4o", 1_000, 500, true, Double.NaN);
    // the same answer from cache: delivered, not paid
    account.add("gpt-4o", 1_000, 500, false, Double.NaN);
    assertThat(account.spendUsd()).isCloseTo(0.0075, within(1e-12));
    assertThat(account.deliveredTokens()).isEqualTo(3_000);
    assertThat(account.paidTokens()).isEqualTo(1_500);
    assertThat(account.costPerMillionTokens()).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void costPerMillion_threeModels_usesEachModelsListPrice() {
    CostAccount account = new CostAccount(FIXED);
    account.add("claude-3-5-sonnet", 1_000_000, 0, true, Double.NaN);
    account.add("gemini-1.5-pro", 0, 1_000_000, true, Double.NaN);
    assertThat(account.spendUsd()).isCloseTo(3.00 + 5.00, within(1e-9));
    assertThat(account.costPerMillionTokens()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void costPerMillion_nothingDelivered_isNaN() {
    assertThat(new CostAccount(FIXED).costPerMillionTokens()).isNaN();
  }

  @Test
  void reportedCost_gatewayHeaders_areKeptBesideListPrices() {
    CostAccount account = new CostAccount(FIXED);
    account.add("gpt-4o", 100, 100, true, 0.002);
    account.add("gpt-4o", 100, 100, false, Double.NaN);
    assertThat(account.reportedResponses()).isEqualTo(1);
    assertThat(account.reportedCostPerMillionTokens()).isCloseTo(0.002 * 1_000_000 / 400, within(1e-9));
  }

  @Test
  void price_unknownModel_costsNothing() {
    assertThat(PriceSheet.seed().cost("mystery-model", 1_000, 1_000)).isZero();
    assertThat(PriceSheet.seed().price("gpt-4o-2024-08-06")).isEqualTo(PriceSheet.seed().price("gpt-4o"));
  }
}
