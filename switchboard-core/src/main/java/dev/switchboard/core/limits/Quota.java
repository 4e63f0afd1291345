package dev.switchboard.core.limits;

import java.util.List;

/**
 * The limits and budgets of one scope. Scopes are strings such as {@code key:k_123}, {@code team:search},
 * {@code customer:search/acme} or {@code model:gpt-4o}; counters are kept per scope.
 */
public record Quota(String scope, RateLimits rate, List<BudgetLimit> budgets) {
  public Quota {
    if (scope == null || scope.isEmpty()) {
      throw new IllegalArgumentException("a quota needs a scope");
    }
    rate = rate == null ? RateLimits.NONE : rate;
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
  }

  public boolean isEmpty() {
    return rate.isEmpty() && budgets.isEmpty();
  }
}
