package dev.switchboard.server;

import dev.switchboard.core.governance.Governance;
import dev.switchboard.core.limits.CostEstimator;
import dev.switchboard.core.usage.CatalogCostEstimator;
import dev.switchboard.core.observe.Observability;
import dev.switchboard.core.observe.TracingFilter;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.pipeline.RequestIdFilter;
import dev.switchboard.core.routing.RouteFilter;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.server.endpoint.AdminHealthFilter;
import dev.switchboard.server.endpoint.ModelsFilter;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the request path is assembled. Read {@link #proxyChain} top to bottom to know where a
 * request goes:
 *
 * <pre>
 *   RequestId → AccessLog → [Tracing] → Auth → UpstreamUrlGuard → RateLimit → Budget → Usage → [Guard] → Cache → Route
 *                                                                                                         └─ per attempt:
 *                                                                Credentials → UpstreamCall (inside RouteFilter)
 * </pre>
 */
public final class PipelineAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineAssembly.class);

  private PipelineAssembly() {}

  /** The chain for chat completions, messages and embeddings. */
  public static FilterChain proxyChain(GatewayServices services, Map<String, ProviderAdapter> adapters,
      Vertx vertx) {
    List<Filter> filters = new ArrayList<>();
    Observability observability = services.observability();
    boolean recording = observability.config().enabled();
    filters.add(new RequestIdFilter());
    if (recording) {
      filters.add(observability.accessLogFilter());
    }
    TracingFilter tracing = observability.tracingFilter();
    if (tracing != null) {
      filters.add(tracing);
    }
    filters.add(services.authFilter());
    Governance governance = services.governance();
    if (governance != null) {
      filters.add(governance.upstreamUrlFilter());
      filters.add(governance.rateLimitFilter());
      var costs = services.config().governance().costs();
      filters.add(governance.budgetFilter(new CatalogCostEstimator(observability.prices(),
          CostEstimator.flat(costs.inputUsdPerMillion(), costs.outputUsdPerMillion()))));
    }
    if (recording) {
      filters.add(observability.usageFilter());
    }
    if (services.config().guardrails().active() || governance != null) {
      filters.add(services.guardrails(vertx).filter());
    }
    filters.add(services.cache(vertx).filter());
    filters.add(routeFilter(services, adapters, vertx));
    return chain(filters);
  }

  /**
   * The chain for {@code /admin/cache}: statistics, or a purge of one tenant's answers. The router has already
   * checked the admin key.
   */
  public static FilterChain cacheAdminChain(GatewayServices services, Vertx vertx) {
    List<Filter> filters = new ArrayList<>();
    filters.add(new RequestIdFilter());
    filters.add(services.cache(vertx).adminFilter());
    return chain(filters);
  }

  /** The chain for requests refused before the proxy chain: request id, access log, then the refusal. */
  public static FilterChain rejectionChain(GatewayServices services) {
    List<Filter> filters = new ArrayList<>();
    filters.add(new RequestIdFilter());
    if (services.observability().config().enabled()) {
      filters.add(services.observability().accessLogFilter());
    }
    filters.add(new dev.switchboard.server.endpoint.RejectFilter());
    return chain(filters);
  }

  /** The chain for {@code GET /v1/models}: authenticate, then list. */
  public static FilterChain modelsChain(GatewayServices services) {
    List<Filter> filters = new ArrayList<>();
    filters.add(new RequestIdFilter());
    filters.add(services.authFilter());
    filters.add(new ModelsFilter(services.catalog(), services.clock().epochMillis() / 1000));
    return chain(filters);
  }

  /** The chain for {@code GET /admin/health}: the live health map (the router has checked the admin key). */
  public static FilterChain adminHealthChain(GatewayServices services) {
    List<Filter> filters = new ArrayList<>();
    filters.add(new RequestIdFilter());
    filters.add(new AdminHealthFilter(services.routing().health()));
    return chain(filters);
  }

  private static RouteFilter routeFilter(GatewayServices services, Map<String, ProviderAdapter> adapters,
      Vertx vertx) {
    return services.routing().filter(adapters, vertx);
  }

  private static FilterChain chain(List<Filter> filters) {
    return new FilterChain(filters, violation -> LOG.error("pipeline contract violation: {}", violation.getMessage()));
  }
}
