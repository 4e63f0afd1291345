package dev.switchboard.core.limits;

import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Principal;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Every quota that applies to one request, looked up once and shared by the rate-limit and budget filters. */
final class Quotas {
  static final Attribute<List<Quota>> ATTRIBUTE = Attribute.named("quotas");

  private Quotas() {}

  static Future<List<Quota>> of(Exchange exchange, QuotaDirectory directory) {
    List<Quota> known = exchange.get(ATTRIBUTE);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    Principal principal = exchange.principal();
    if (principal == null) {
      return Future.succeededFuture(List.of());
    }
    return directory.extraQuotas(principal, exchange.model()).map(extra -> {
      List<Quota> all = new ArrayList<>(principal.quotas().size() + extra.size());
      all.addAll(principal.quotas());
      all.addAll(extra);
      exchange.put(ATTRIBUTE, all);
      return all;
    });
  }
}
