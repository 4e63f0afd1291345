package dev.switchboard.core.limits;

import dev.switchboard.core.pipeline.Principal;
import io.vertx.core.Future;
import java.util.List;

/**
 * Quotas that do not come with the key: the model's (from configuration) and the end customer's (from the key
 * store). The principal's own quotas (key and team) are added by the limit filters.
 */
public interface QuotaDirectory {
  Future<List<Quota>> extraQuotas(Principal principal, String model);

  QuotaDirectory NONE = (principal, model) -> Future.succeededFuture(List.of());
}
