package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import io.vertx.core.Future;

/**
 * Answers {@code /admin/cache} after authentication. The request body carries {@code method} and the query
 * parameters. GET returns the statistics; DELETE purges one tenant's answers: a whole namespace
 * ({@code namespace=NAME}) or one key ({@code key=...}, which must belong to that tenant). The tenant is the
 * caller's own when a principal is set, else the {@code tenant} parameter (e.g. {@code team:research} or
 * {@code key:ID}; "anonymous" when absent).
 */
public final class CacheAdminFilter implements Filter {
  private final CacheFilter cache;

  public CacheAdminFilter(CacheFilter cache) {
    this.cache = cache;
  }

  @Override
  public String name() {
    return "cache-admin";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    ObjectNode body = exchange.body();
    String method = body.path("method").asText("GET");
    if ("GET".equals(method)) {
      ObjectNode stats = cache.cache().statsJson();
      stats.set("semantic", cache.semantic().statsJson());
      return Verdict.answer(GatewayResponse.ok(stats));
    }
    if (!"DELETE".equals(method)) {
      return Verdict.reject(GatewayException.methodNotAllowed(method, "/admin/cache"));
    }
    String tenant = new CacheScope(exchange.principal() != null ? exchange.principal().tenant()
        : body.path("tenant").asText(null), null, null).tenant();
    String key = body.path("key").asText(null);
    if (key != null) {
      if (!key.startsWith("sb:cache:" + tenant + ":")) {
        return Verdict.reject(GatewayException.badRequest("That key does not belong to your tenant.", "key"));
      }
      return cache.cache().purgeKey(key).compose(removed -> Verdict.answer(GatewayResponse.ok(
          Json.object().put("purged", removed ? 1 : 0).put("key", key))));
    }
    String namespace = body.path("namespace").asText("default");
    if (!CacheControls.validName(namespace) || namespace.isEmpty()) {
      return Verdict.reject(GatewayException.badRequest("namespace must use A-Z a-z 0-9 . _ -", "namespace"));
    }
    return cache.cache().purgeNamespace(tenant, namespace).compose(removed -> Verdict.answer(GatewayResponse.ok(
        Json.object().put("purged", removed).put("namespace", namespace))));
  }
}
