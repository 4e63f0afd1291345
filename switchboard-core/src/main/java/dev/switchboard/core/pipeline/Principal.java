package dev.switchboard.core.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Who is calling: the authenticated key and what it belongs to. {@code models} empty means every model.
 * Never holds the key itself, only its id.
 */
public record Principal(String keyId, String keyName, String team, String customer, List<String> models,
    Map<String, String> metadata) {
  public Principal {
    models = models == null ? List.of() : List.copyOf(models);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public boolean mayUse(String model) {
    return models.isEmpty() || models.contains(model);
  }

  /** The namespace used to isolate cached answers and limits between tenants. */
  public String tenant() {
    return team != null ? "team:" + team : "key:" + keyId;
  }
}
