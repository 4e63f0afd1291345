package dev.switchboard.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
  private final PriceCatalog catalog = PriceCatalog.load(List.of());

  @Test
  void plainUsage_pricesInputAndOutputPerMillion() {
    double cost = CostCalculator.cost(new Usage(1_000_000, 500_000, 0, 0, 0, false), catalog.find("openai", "gpt-4o"));
    assertThat(cost).isCloseTo(2.50 + 5.00, within(1e-9));
  }

  @Test
  void cachedAndCacheWriteTokens_arePricedOnceAtTheirOwnRates() {
    // Anthropic Claude 3.5 Sonnet: 1000 prompt tokens of which 600 read from cache and 300 written to it.
    double cost = CostCalculator.cost(new Usage(1000, 100, 600, 300, 0, false),
        catalog.find("anthropic", "claude-3-5-sonnet-20241022"));
    double expected = (100 * 3.00 + 600 * 0.30 + 300 * 3.75 + 100 * 15.00) / 1e6;
    assertThat(cost).isCloseTo(expected, within(1e-12));
  }

  @Test
  void reasoningTokens_usedOutputPrice_unlessPricedApart() {
    ModelPrice separate = new ModelPrice(1, 10, 1, 1, 20, null, "", "");
    assertThat(CostCalculator.cost(new Usage(0, 100, 0, 0, 40, false), separate))
        .isCloseTo((60 * 10 + 40 * 20) / 1e6, within(1e-12));
    assertThat(CostCalculator.cost(new Usage(0, 100, 0, 0, 40, false), catalog.find("openai", "o3")))
        .isCloseTo(100 * 8.00 / 1e6, within(1e-12));
  }

  @Test
  void promptAboveLongContextThreshold_usesTheLongContextTierForEveryToken() {
    ModelPrice pro = catalog.find("gemini", "gemini-2.5-pro");
    assertThat(CostCalculator.cost(new Usage(200_000, 1000, 0, 0, 0, false), pro))
        .isCloseTo((200_000 * 1.25 + 1000 * 10.00) / 1e6, within(1e-12));
    assertThat(CostCalculator.cost(new Usage(200_001, 1000, 0, 0, 0, false), pro))
        .isCloseTo((200_001 * 2.50 + 1000 * 15.00) / 1e6, within(1e-12));
  }

  @Test
  void missingPriceOrUsage_costsNothing() {
    assertThat(CostCalculator.cost(null, catalog.find("openai", "gpt-4o"))).isZero();
    assertThat(CostCalculator.cost(new Usage(10, 10, 0, 0, 0, false), null)).isZero();
  }
}
