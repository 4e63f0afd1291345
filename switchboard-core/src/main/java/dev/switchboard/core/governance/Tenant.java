package dev.switchboard.core.governance;

import dev.switchboard.core.limits.BudgetLimit;
import dev.switchboard.core.limits.RateLimits;
import java.util.List;
import java.util.Map;

/**
 * A team, or an end customer of a team ({@code team} is set only for customers). Teams own keys; customers are
 * named per request in a header and are scoped to the key's team, so one team cannot spend another's budget.
 */
public record Tenant(Kind kind, String id, String team, String name, List<String> models, RateLimits limits,
    List<BudgetLimit> budgets, Map<String, String> metadata, long createdAtMillis) {

  /** What a tenant is. */
  public enum Kind { TEAM, CUSTOMER }

  public Tenant {
    models = models == null ? List.of() : List.copyOf(models);
    limits = limits == null ? RateLimits.NONE : limits;
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The store key: the team id, or "team/customer" for a customer. */
  public String storeId() {
    return kind == Kind.CUSTOMER ? team + "/" + id : id;
  }

  /** The limits scope: "team:search" or "customer:search/acme". */
  public String scope() {
    return kind == Kind.CUSTOMER ? "customer:" + team + "/" + id : "team:" + id;
  }
}
