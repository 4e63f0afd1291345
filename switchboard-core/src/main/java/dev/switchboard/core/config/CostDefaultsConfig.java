package dev.switchboard.core.config;

/**
 * Prices used to reserve budget when no price catalogue knows the model, and the completion length assumed when
 * a request sets no {@code max_tokens}.
 */
public record CostDefaultsConfig(Double inputUsdPerMillion, Double outputUsdPerMillion, Integer defaultMaxTokens) {
  public CostDefaultsConfig {
    inputUsdPerMillion = inputUsdPerMillion == null ? 5.0 : inputUsdPerMillion;
    outputUsdPerMillion = outputUsdPerMillion == null ? 15.0 : outputUsdPerMillion;
    defaultMaxTokens = defaultMaxTokens == null ? 4096 : defaultMaxTokens;
  }

  public static CostDefaultsConfig defaults() {
    return new CostDefaultsConfig(null, null, null);
  }
}
