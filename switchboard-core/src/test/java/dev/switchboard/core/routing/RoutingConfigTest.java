package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.ConfigException;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {
  private final ConfigLoader loader = new ConfigLoader(Set.of("openai"), Map.of());

  @Test
  void snakeCaseKeys_everyRoutingField_bound() {
    GatewayConfig config = loader.parse(RoutingFixture.providers("a")
        + "routing:\n  retry: {max_attempts: 4, budget_ratio: 0.1, max_retry_after_ms: 500, key_cooldown_ms: 20}\n"
        + "  health: {consecutive_failures: 2, base_ejection_ms: 100, max_ejection_percent: 50}\n"
        + "  hedge: {delay_ms: 40, max_hedges: 2}\n"
        + "  probe: {enabled: true, interval_ms: 5000, timeout_ms: 750}\n"
        + "models:\n  - name: m\n    strategy: cost\n    hedge: {enabled: false}\n    deployments:\n"
        + "      - {provider: a, model: x, input_cost_per_million: 0.5, output_cost_per_million: 1.5,"
        + " daily_budget_usd: 10, rpm: 60, tpm: 1000, context_window: 8192, tags: [fast], probe: false}\n");
    assertThat(config.routing().probe().enabled()).isTrue();
    assertThat(config.routing().probe().intervalMs()).isEqualTo(5000);
    assertThat(config.routing().probe().timeoutMs()).isEqualTo(750);
    assertThat(config.models().get(0).deployments().get(0).probe()).isFalse();
    assertThat(config.routing().retry().maxAttempts()).isEqualTo(4);
    assertThat(config.routing().retry().keyCooldownMs()).isEqualTo(20);
    assertThat(config.routing().health().consecutiveFailures()).isEqualTo(2);
    assertThat(config.routing().health().failurePercentage()).isEqualTo(85);
    assertThat(config.routing().hedge().delayMs()).isEqualTo(40);
    assertThat(config.models().get(0).hedge().enabled()).isFalse();
    assertThat(config.models().get(0).deployments().get(0).dailyBudgetUsd()).isEqualTo(10.0);
    assertThat(config.models().get(0).deployments().get(0).outputCostPerMillion()).isEqualTo(1.5);
  }

  @Test
  void invalidValues_reportedWithFieldPaths() {
    assertThatThrownBy(() -> loader.parse(RoutingFixture.providers("a")
        + "routing:\n  retry: {budget_ratio: 1.5}\n  health: {max_ejection_percent: 101}\n"
        + "  hedge: {delay_ms: 0}\n  probe: {interval_ms: 10, timeout_ms: 0}\n"
        + "models:\n  - name: m\n    strategy: fastest\n    hedge: {min_samples: 0}\n    deployments:\n"
        + "      - {provider: a, model: x, input_cost_per_million: -1}\n"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
            "routing.retry.budget_ratio: must be between 0 and 1",
            "routing.health.max_ejection_percent: must be between 0 and 100",
            "routing.hedge.delay_ms: must be positive",
            "routing.probe.interval_ms: must be at least 100",
            "routing.probe.timeout_ms: must be positive",
            "models[0].hedge.min_samples: must be positive",
            "models[0].deployments[0].input_cost_per_million: must not be negative")
            .anyMatch(p -> p.startsWith("models[0].strategy: unknown strategy 'fastest'")));
  }
}
