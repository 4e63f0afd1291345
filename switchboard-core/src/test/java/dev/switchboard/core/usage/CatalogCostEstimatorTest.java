package dev.switchboard.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.limits.CostEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogCostEstimatorTest {
  private final PriceCatalog catalog = PriceCatalog.load(List.of());
  private final CatalogCostEstimator estimator = new CatalogCostEstimator(catalog, CostEstimator.flat(1000, 1000));

  @Test
  void knownModel_reservesAtListPricesAndSettlesLikeTheCostCalculator() {
    ModelPrice price = catalog.find(null, "gpt-4o");
    assertThat(price).isNotNull();
    long expected = (long) Math.ceil((1000 * price.input() + 500 * price.output()) / 1_000_000d * 1_000_000d);
    assertThat(estimator.estimateMicros("gpt-4o", 1000, 500)).isBetween(expected - 1, expected + 1);
    Usage usage = new Usage(1000, 200, 0, 0, 0, false);
    long settled = estimator.costMicros("gpt-4o", usage);
    assertThat(settled).isBetween((long) Math.floor(CostCalculator.cost(usage, price) * 1e6),
        (long) Math.ceil(CostCalculator.cost(usage, price) * 1e6));
    assertThat(settled).isLessThan(estimator.estimateMicros("gpt-4o", 1000, 500));
  }

  @Test
  void unknownModel_usesTheFallback() {
    assertThat(estimator.estimateMicros("no-such-model-xyz", 1000, 0)).isEqualTo(1_000_000L);
  }
}
