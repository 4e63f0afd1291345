package dev.switchboard.core.routing;

import dev.switchboard.core.config.HedgeConfig;
import dev.switchboard.core.config.RetryConfig;
import dev.switchboard.core.config.TimeoutsConfig;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.spi.EmbeddingsCapability;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The last filter: decides where the request goes (strategy, health, context window, fallbacks), then runs the
 * attempts (retries, failover, hedging) until one answers. Sets {@code x-switchboard-provider}, {@code -model},
 * {@code -attempts} and {@code -route}, and fills the request record. One instance per event loop (its adapters
 * belong to that loop); the health it consults is shared through {@link RoutingRuntime}.
 */
public final class RouteFilter implements Filter {
  private final RoutingRuntime runtime;
  private final Map<String, ProviderAdapter> adapters;
  private final Scheduler scheduler;
  private final TimeoutsConfig defaultTimeouts;

  RouteFilter(RoutingRuntime runtime, Map<String, ProviderAdapter> adapters, Scheduler scheduler,
      TimeoutsConfig defaultTimeouts) {
    this.runtime = runtime;
    this.adapters = Map.copyOf(adapters);
    this.scheduler = scheduler;
    this.defaultTimeouts = defaultTimeouts;
  }

  @Override
  public String name() {
    return "route";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    String model = exchange.model();
    if (model.isEmpty()) {
      return Verdict.reject(GatewayException.badRequest("you must provide a model parameter", "model"));
    }
    ModelGroup group = runtime.catalog().resolve(model).orElse(null);
    if (group == null) {
      return Verdict.reject(GatewayException.modelNotFound(model));
    }
    if (exchange.principal() != null && !exchange.principal().mayUse(group.name())
        && !exchange.principal().mayUse(model)) {
      return Verdict.reject(GatewayException.forbidden(
          "This key is not allowed to use the model '" + model + "'.", "model_not_allowed"));
    }
    RoutePlan plan;
    try {
      plan = runtime.router().plan(group, exchange, d -> servable(d, exchange.endpoint()));
    } catch (GatewayException e) {
      return Verdict.reject(e);
    }
    if (plan.candidates().isEmpty()) {
      return Verdict.reject(GatewayException.badRequest(
          "The model '" + model + "' does not support " + describe(exchange.endpoint()) + ".", "model"));
    }
    exchange.record().routeDecision = plan.decision().shortForm(null, 0) + "; order="
        + String.join(",", plan.candidates().stream().map(Deployment::id).toList());
    exchange.responseHeaders().set("x-switchboard-route", plan.decision().shortForm(null, 0));
    int maxAttempts = group.config().maxAttempts() != null ? group.config().maxAttempts() : retry().maxAttempts();
    HedgeConfig hedge = group.config().hedge() != null ? group.config().hedge() : runtime.config().hedge();
    return new AttemptLoop(exchange, plan, Math.max(1, maxAttempts), hedge, this).run();
  }

  private boolean servable(Deployment deployment, Endpoint endpoint) {
    ProviderAdapter adapter = adapters.get(deployment.providerName());
    return adapter != null && (endpoint != Endpoint.EMBEDDINGS || adapter instanceof EmbeddingsCapability);
  }

  private static String describe(Endpoint endpoint) {
    return endpoint == Endpoint.EMBEDDINGS ? "embeddings" : "chat completions";
  }

  ProviderAdapter adapter(Deployment deployment) {
    return adapters.get(deployment.providerName());
  }

  TimeoutsConfig timeoutsFor(Deployment deployment) {
    return deployment.provider().timeouts() != null ? deployment.provider().timeouts() : defaultTimeouts;
  }

  /** The hedge delay for this group now: configured, or the recent p95 (at least the minimum); -1 for none. */
  long hedgeDelayMillis(ModelGroup group, HedgeConfig hedge, boolean stream) {
    if (hedge.delayMs() != null) {
      return hedge.delayMs();
    }
    long p95 = runtime.latencyWindow(group, stream).p95(hedge.minSamples(), clock().nanoTime());
    if (p95 < 0) {
      return -1;
    }
    return Math.max(hedge.minDelayMs(), (p95 + 999_999) / 1_000_000);
  }

  LatencyWindow latencyWindow(ModelGroup group, boolean stream) {
    return runtime.latencyWindow(group, stream);
  }

  HealthRegistry registry() {
    return runtime.registry();
  }

  RetryBudget budget() {
    return runtime.budget();
  }

  RetryConfig retry() {
    return runtime.config().retry();
  }

  Scheduler scheduler() {
    return scheduler;
  }

  Clock clock() {
    return runtime.clock();
  }

  Randomness random() {
    return runtime.random();
  }
}
