package dev.switchboard.core.governance;

import dev.switchboard.core.limits.BudgetLimit;
import dev.switchboard.core.limits.RateLimits;
import java.util.List;
import java.util.Map;

/**
 * A virtual key as stored: never the secret itself, only its SHA-256 {@code hash} and a {@code hint} (prefix and
 * last four characters) for humans. {@code expiresAtMillis} and {@code revokedAtMillis} are null when unset.
 */
public record VirtualKey(String id, String hash, String hint, String name, String team, String customer,
    List<String> models, RateLimits limits, List<BudgetLimit> budgets, Long expiresAtMillis,
    Map<String, String> metadata, List<String> tags, long createdAtMillis, Long revokedAtMillis) {

  public VirtualKey {
    models = models == null ? List.of() : List.copyOf(models);
    limits = limits == null ? RateLimits.NONE : limits;
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public boolean activeAt(long epochMillis) {
    return revokedAtMillis == null && (expiresAtMillis == null || epochMillis < expiresAtMillis);
  }

  VirtualKey withSecret(String newHash, String newHint) {
    return new VirtualKey(id, newHash, newHint, name, team, customer, models, limits, budgets, expiresAtMillis,
        metadata, tags, createdAtMillis, revokedAtMillis);
  }

  VirtualKey revokedAt(long epochMillis) {
    return new VirtualKey(id, hash, hint, name, team, customer, models, limits, budgets, expiresAtMillis,
        metadata, tags, createdAtMillis, epochMillis);
  }

  @Override
  public String toString() {
    return "VirtualKey[id=" + id + ", name=" + name + ", team=" + team + "]";
  }
}
