package dev.switchboard.server;

import dev.switchboard.core.auth.AuthFilter;
import dev.switchboard.core.auth.KeyResolver;
import dev.switchboard.core.auth.StaticKeyResolver;
import dev.switchboard.core.cache.CacheAssembly;
import dev.switchboard.core.config.CacheConfig;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.governance.AdminAuthenticator;
import dev.switchboard.core.governance.Governance;
import dev.switchboard.core.guard.Guardrails;
import dev.switchboard.core.observe.Observability;
import dev.switchboard.core.routing.ModelCatalog;
import dev.switchboard.core.routing.RoutingRuntime;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import dev.switchboard.core.usage.CostCalculator;
import dev.switchboard.core.usage.ModelPrice;
import dev.switchboard.providers.ProviderRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;

/**
 * State shared by every event loop of one gateway: configuration, catalogue, routing (health, key pools, retry
 * budget), key resolvers, the clock and randomness. Everything here is thread-safe or immutable.
 */
public final class GatewayServices {
  private final GatewayConfig config;
  private final Clock clock;
  private final Randomness randomness;
  private final ProviderRegistry providers;
  private final ModelCatalog catalog;
  private final RoutingRuntime routing;
  private final List<KeyResolver> keyResolvers;
  private CacheAssembly cache;
  private Guardrails guardrails;
  private final Governance governance;
  private final Observability observability;
  private final AdminAuthenticator adminAuthenticator;

  public GatewayServices(GatewayConfig config, Clock clock, Randomness randomness, ProviderRegistry providers) {
    this(config, clock, randomness, providers, null);
  }

  /** With {@code governance}: virtual keys after the config keys, limits, budgets and the admin API. */
  public GatewayServices(GatewayConfig config, Clock clock, Randomness randomness, ProviderRegistry providers,
      Governance governance) {
    this.config = config;
    this.clock = clock;
    this.randomness = randomness;
    this.providers = providers;
    this.catalog = new ModelCatalog(config);
    this.routing = RoutingRuntime.create(config, clock, randomness);
    this.governance = governance;
    this.keyResolvers = governance == null ? List.of(new StaticKeyResolver(config.auth()))
        : List.of(new StaticKeyResolver(config.auth()), governance.virtualKeys());
    this.observability = Observability.create(config, clock, randomness);
    this.adminAuthenticator = governance != null && governance.adminAuthenticator() != null
        ? governance.adminAuthenticator()
        : AdminAuthenticator.fromEnvironment(System.getenv(), config.observability().adminKey());
  }

  /** The one admin key check of every admin route ({@code /admin/*}, {@code /metrics}). */
  public AdminAuthenticator adminAuthenticator() {
    return adminAuthenticator;
  }

  /** Keys, limits, budgets and the admin API, or null when the gateway runs without them. */
  public Governance governance() {
    return governance;
  }

  public GatewayConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Randomness randomness() {
    return randomness;
  }

  public ProviderRegistry providers() {
    return providers;
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  /** Routing state shared by every event loop: health of deployments and keys, retry budget. */
  public RoutingRuntime routing() {
    return routing;
  }

  /** Authentication over {@link #keyResolvers()}, honouring the customer header when governance is on. */
  public AuthFilter authFilter() {
    return governance == null ? new AuthFilter(keyResolvers)
        : new AuthFilter(keyResolvers, governance.customerHeader());
  }

  public List<KeyResolver> keyResolvers() {
    return keyResolvers;
  }

  /** The node's response cache, built on first use and shared by every event loop. */
  public synchronized CacheAssembly cache(Vertx vertx) {
    if (cache == null) {
      CacheConfig settings = config.cache().redis() == null && config.cluster().redis() != null
          ? config.cache().withRedis(config.cluster().redis()) : config.cache();
      String nodeId = config.cluster().nodeId() != null ? config.cluster().nodeId()
          : "node-" + Integer.toHexString(randomness.nextInt(Integer.MAX_VALUE));
      cache = CacheAssembly.create(settings, vertx, clock, nodeId, (model, usage) -> {
        ModelPrice price = observability.prices().find(null, model);
        return price == null ? 0.0 : CostCalculator.cost(usage, price);
      });
    }
    return cache;
  }

  /** The node's request guardrails, built on first use and shared by every event loop. */
  public synchronized Guardrails guardrails(Vertx vertx) {
    if (guardrails == null) {
      guardrails = Guardrails.create(config.guardrails(), vertx);
    }
    return guardrails;
  }

  /** Releases what the services opened (the cache's Redis connections and workers, the guard's workers). */
  public synchronized Future<Void> close() {
    Future<Void> guard = guardrails == null ? Future.succeededFuture() : guardrails.closeAsync();
    return guard.transform(ignored -> cache == null ? Future.succeededFuture() : cache.close());
  }

  /** Prices, request log, metrics and tracing. */
  public Observability observability() {
    return observability;
  }
}
