package dev.switchboard.core.pipeline;

import dev.switchboard.core.limits.Quota;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who is calling: the authenticated key and what it belongs to. {@code models} empty means every model.
 * {@code quotas} are the limits and budgets that apply to the key and its team (model and customer quotas are
 * added by the limit filters). Never holds the key itself, only its id.
 */
public record Principal(String keyId, String keyName, String team, String customer, List<String> models,
    Map<String, String> metadata, List<Quota> quotas, List<String> tags) {
  public Principal {
    models = models == null ? List.of() : List.copyOf(models);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    quotas = quotas == null ? List.of() : List.copyOf(quotas);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public Principal(String keyId, String keyName, String team, String customer, List<String> models,
      Map<String, String> metadata) {
    this(keyId, keyName, team, customer, models, metadata, List.of(), List.of());
  }

  public boolean mayUse(String model) {
    return models.isEmpty() || models.contains(model);
  }

  /** The namespace used to isolate cached answers and limits between tenants. */
  public String tenant() {
    return team != null ? "team:" + team : "key:" + keyId;
  }

  /** The same principal acting for an end customer (from the customer header). */
  public Principal withCustomer(String customerId) {
    return new Principal(keyId, keyName, team, customerId, models, metadata, quotas, tags);
  }

  /** The same principal with more quotas (for example the customer's or the model's). */
  public Principal withQuotas(List<Quota> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Quota> all = new ArrayList<>(quotas);
    all.addAll(more);
    return new Principal(keyId, keyName, team, customer, models, metadata, all, tags);
  }
}
