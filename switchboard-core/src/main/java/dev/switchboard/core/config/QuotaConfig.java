package dev.switchboard.core.config;

import java.util.List;

/** Limits and budgets declared in the file for one team or model ({@code name}). Null fields mean no limit. */
public record QuotaConfig(String name, Long requestsPerMinute, Long tokensPerMinute, Integer maxConcurrent,
    List<BudgetConfig> budgets) {
  public QuotaConfig {
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
  }
}
