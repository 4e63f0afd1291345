package dev.switchboard.core.routing;

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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last filter: picks the deployments for the requested model, then runs the per-attempt chain (credentials,
 * upstream call) with retries and fallbacks until one answers.
 */
public final class RouteFilter implements Filter {
  private final ModelCatalog catalog;
  private final Map<String, ProviderAdapter> adapters;
  private final Map<String, KeyPool> keyPools;
  private final Map<String, RoutingStrategy> strategies;
  private final RetryConfig retry;
  private final TimeoutsConfig defaultTimeouts;
  private final Vertx vertx;
  private final Clock clock;

  public RouteFilter(ModelCatalog catalog, Map<String, ProviderAdapter> adapters, Map<String, KeyPool> keyPools,
      Map<String, RoutingStrategy> strategies, RetryConfig retry, TimeoutsConfig defaultTimeouts, Vertx vertx,
      Clock clock) {
    this.catalog = catalog;
    this.adapters = adapters;
    this.keyPools = keyPools;
    this.strategies = strategies;
    this.retry = retry;
    this.defaultTimeouts = defaultTimeouts;
    this.vertx = vertx;
    this.clock = clock;
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
    ModelGroup group = catalog.resolve(model).orElse(null);
    if (group == null) {
      return Verdict.reject(GatewayException.modelNotFound(model));
    }
    if (exchange.principal() != null && !exchange.principal().mayUse(group.name())
        && !exchange.principal().mayUse(model)) {
      return Verdict.reject(GatewayException.forbidden(
          "This key is not allowed to use the model '" + model + "'.", "model_not_allowed"));
    }
    List<Deployment> candidates = candidates(group, exchange);
    if (candidates.isEmpty()) {
      return Verdict.reject(GatewayException.badRequest(
          "The model '" + model + "' does not support " + describe(exchange.endpoint()) + ".", "model"));
    }
    int maxAttempts = group.config().maxAttempts() != null ? group.config().maxAttempts() : retry.maxAttempts();
    return new AttemptLoop(exchange, candidates, Math.max(1, maxAttempts), this).run();
  }

  private List<Deployment> candidates(ModelGroup group, Exchange exchange) {
    Set<Deployment> ordered = new LinkedHashSet<>(strategyFor(group).order(group, exchange));
    for (String fallback : group.config().fallbacks()) {
      catalog.byName(fallback).ifPresent(g -> ordered.addAll(strategyFor(g).order(g, exchange)));
    }
    List<Deployment> usable = new ArrayList<>(ordered.size());
    for (Deployment d : ordered) {
      ProviderAdapter adapter = adapters.get(d.providerName());
      if (adapter != null && (exchange.endpoint() != Endpoint.EMBEDDINGS || adapter instanceof EmbeddingsCapability)) {
        usable.add(d);
      }
    }
    return usable;
  }

  private RoutingStrategy strategyFor(ModelGroup group) {
    RoutingStrategy strategy = strategies.get(group.strategy());
    return strategy != null ? strategy : strategies.get("priority");
  }

  private static String describe(Endpoint endpoint) {
    return endpoint == Endpoint.EMBEDDINGS ? "embeddings" : "chat completions";
  }

  ProviderAdapter adapter(Deployment deployment) {
    return adapters.get(deployment.providerName());
  }

  String keyFor(Deployment deployment) {
    KeyPool pool = keyPools.get(deployment.providerName());
    return pool == null ? null : pool.next();
  }

  TimeoutsConfig timeoutsFor(Deployment deployment) {
    return deployment.provider().timeouts() != null ? deployment.provider().timeouts() : defaultTimeouts;
  }

  RetryConfig retry() {
    return retry;
  }

  Vertx vertx() {
    return vertx;
  }

  Clock clock() {
    return clock;
  }
}
