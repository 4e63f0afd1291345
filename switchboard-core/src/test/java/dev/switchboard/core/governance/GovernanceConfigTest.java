package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.GovernanceConfig;
import dev.switchboard.core.limits.BudgetWindow;
import dev.switchboard.core.limits.Quota;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GovernanceConfigTest {
  private static GatewayConfig parse(String yaml) {
    return new ConfigLoader(Set.of("openai"), Map.of()).parse(yaml);
  }

  @Test
  void governanceSection_bindsSnakeCaseFields_andDefaultsTheRest() {
    GovernanceConfig config = parse("""
        governance:
          expected_nodes: 3
          teams:
            - name: search
              requests_per_minute: 600
              budgets: [{window: monthly, max_usd: 500, soft_usd: 400}]
          models:
            - name: gpt-4o
              tokens_per_minute: 2000000
          upstream:
            allow_client_base_url: true
            allowed_hosts: ["*.example.com"]
        """).governance();
    assertThat(config.expectedNodes()).isEqualTo(3);
    assertThat(config.keyCacheTtlMs()).isEqualTo(60_000L);
    assertThat(config.upstream().allowClientBaseUrl()).isTrue();
    ConfigQuotas quotas = new ConfigQuotas(config.teams(), config.models());
    Quota team = quotas.team("search");
    assertThat(team.scope()).isEqualTo("team:search");
    assertThat(team.rate().requestsPerMinute()).isEqualTo(600L);
    assertThat(team.budgets().get(0).window()).isEqualTo(BudgetWindow.MONTHLY);
    assertThat(quotas.model("gpt-4o").rate().tokensPerMinute()).isEqualTo(2_000_000L);
    assertThat(parse("{}").governance().upstream().allowClientBaseUrl()).isFalse();
  }

  @Test
  void badQuota_isRefusedWithTheFieldPath() {
    GovernanceConfig config = parse("""
        governance:
          models:
            - name: gpt-4o
            - name: other
              budgets: [{window: yearly, max_usd: 1}]
        """).governance();
    assertThatThrownBy(() -> new ConfigQuotas(config.teams(), config.models()))
        .hasMessageStartingWith("governance.models[1].");
  }
}
