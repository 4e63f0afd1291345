package dev.switchboard.core.limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One budget that a request is charged to: the scope's counter for the limit's current period. */
public record BudgetCharge(String scope, BudgetLimit limit) {

  /** The charges of {@code quotas}, one per (scope, window): where a scope repeats a window the lowest wins. */
  public static List<BudgetCharge> of(List<Quota> quotas) {
    Map<String, BudgetCharge> distinct = new LinkedHashMap<>();
    for (Quota quota : quotas) {
      for (BudgetLimit limit : quota.budgets()) {
        String key = quota.scope() + "|" + limit.window();
        BudgetCharge present = distinct.get(key);
        if (present == null || limit.hardUsd() < present.limit().hardUsd()) {
          distinct.put(key, new BudgetCharge(quota.scope(), limit));
        }
      }
    }
    return new ArrayList<>(distinct.values());
  }
}
