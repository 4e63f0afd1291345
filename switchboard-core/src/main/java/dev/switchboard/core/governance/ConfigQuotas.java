package dev.switchboard.core.governance;

import dev.switchboard.core.config.BudgetConfig;
import dev.switchboard.core.config.QuotaConfig;
import dev.switchboard.core.limits.BudgetLimit;
import dev.switchboard.core.limits.BudgetWindow;
import dev.switchboard.core.limits.Quota;
import dev.switchboard.core.limits.RateLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Quotas declared in the configuration file, by team and by model. */
public final class ConfigQuotas {
  private final Map<String, Quota> teams = new HashMap<>();
  private final Map<String, Quota> models = new HashMap<>();

  public ConfigQuotas(List<QuotaConfig> teamQuotas, List<QuotaConfig> modelQuotas) {
    for (int i = 0; i < teamQuotas.size(); i++) {
      QuotaConfig q = teamQuotas.get(i);
      teams.put(q.name(), toQuota("governance.teams[" + i + "]", "team:" + q.name(), q));
    }
    for (int i = 0; i < modelQuotas.size(); i++) {
      QuotaConfig q = modelQuotas.get(i);
      models.put(q.name(), toQuota("governance.models[" + i + "]", "model:" + q.name(), q));
    }
  }

  /** The team's quota from the file, or null. */
  public Quota team(String team) {
    return team == null ? null : teams.get(team);
  }

  /** The model's quota from the file, or null. */
  public Quota model(String model) {
    return model == null ? null : models.get(model);
  }

  private static Quota toQuota(String path, String scope, QuotaConfig q) {
    if (q.name() == null || q.name().isBlank()) {
      throw new IllegalArgumentException(path + ".name: required");
    }
    try {
      List<BudgetLimit> budgets = new ArrayList<>();
      for (BudgetConfig b : q.budgets()) {
        if (b.maxUsd() == null) {
          throw new IllegalArgumentException("budgets.max_usd: required");
        }
        budgets.add(new BudgetLimit(BudgetWindow.parse(b.window()), b.maxUsd(), b.softUsd()));
      }
      return new Quota(scope, new RateLimits(q.requestsPerMinute(), q.tokensPerMinute(), q.maxConcurrent()),
          budgets);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + e.getMessage(), e);
    }
  }
}
