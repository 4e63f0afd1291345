package dev.switchboard.bench.seed;

import dev.switchboard.core.usage.ModelPrice;
import dev.switchboard.core.usage.PriceCatalog;

/**
 * Prices from the gateway's bundled price catalogue (standard tier, below any long-context threshold), so the
 * direct and the gateway columns are priced exactly as the gateway prices its own requests.
 */
final class CatalogPrices implements PriceSheet {
  private final PriceCatalog catalog;

  CatalogPrices(PriceCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Price price(String model) {
    ModelPrice price = catalog.find(null, model);
    return price == null ? null : new Price(price.input(), price.output());
  }
}
