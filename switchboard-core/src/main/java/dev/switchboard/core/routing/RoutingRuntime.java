package dev.switchboard.core.routing;

import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.config.RedisConfig;
import dev.switchboard.core.config.RoutingConfig;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing state shared by every event loop of a node: the model catalogue, the health of deployments and keys,
 * the retry budget and the latency windows. Make one per configuration; ask it for a {@link RouteFilter} per event
 * loop, for the read-only {@link HealthView}, and (with {@code cluster.redis}) to share health with other nodes.
 */
public final class RoutingRuntime implements AutoCloseable {
  /** The Redis pub/sub channel health events travel on, unless a test picks its own. */
  public static final String DEFAULT_CHANNEL = "switchboard:health";

  private static final int LATENCY_SAMPLES = 512;

  private final GatewayConfig gatewayConfig;
  private final RoutingConfig config;
  private final ModelCatalog catalog;
  private final HealthRegistry registry;
  private final RetryBudget budget;
  private final Router router;
  private final Clock clock;
  private final Randomness random;
  private final Map<String, LatencyWindow> windows = new ConcurrentHashMap<>();
  private volatile HealthBus bus;
  private ActiveProbes probes;

  private RoutingRuntime(GatewayConfig gatewayConfig, Clock clock, Randomness random) {
    this.gatewayConfig = gatewayConfig;
    this.config = gatewayConfig.routing();
    this.clock = clock;
    this.random = random;
    this.catalog = new ModelCatalog(gatewayConfig);
    Map<String, KeyPool> pools = new HashMap<>();
    for (ProviderConfig provider : gatewayConfig.providers()) {
      pools.put(provider.name(), new KeyPool(provider.name(), provider.keys()));
    }
    String nodeId = gatewayConfig.cluster().nodeId() != null ? gatewayConfig.cluster().nodeId()
        : "node-" + Integer.toHexString(random.nextInt(Integer.MAX_VALUE));
    this.registry = new HealthRegistry(config.health(), clock, nodeId, catalog.groups(), pools);
    this.budget = new RetryBudget(clock, config.retry().budgetRatio(), config.retry().budgetWindowMs(),
        config.retry().minRetriesPerSecond());
    this.router = new Router(catalog, new Strategies(), registry, clock, random);
  }

  public static RoutingRuntime create(GatewayConfig config, Clock clock, Randomness random) {
    return new RoutingRuntime(config, clock, random);
  }

  /** The route filter for one event loop, scheduling its timers on that loop. */
  public RouteFilter filter(Map<String, ProviderAdapter> adapters, Vertx vertx) {
    return filter(adapters, Scheduler.vertx(vertx));
  }

  public RouteFilter filter(Map<String, ProviderAdapter> adapters, Scheduler scheduler) {
    RouteFilter filter = new RouteFilter(this, adapters, scheduler, gatewayConfig.server().timeouts());
    startProbes(adapters, scheduler, filter);
    return filter;
  }

  /** Active probes (when configured) run on the first event loop that asks for a filter, with its adapters. */
  private synchronized void startProbes(Map<String, ProviderAdapter> adapters, Scheduler scheduler,
      RouteFilter filter) {
    if (probes != null) {
      return;
    }
    ActiveProbes created = new ActiveProbes(registry, adapters, scheduler, config.probe(), filter::timeoutsFor,
        random, config.retry().keyCooldownMs());
    if (!created.targets().isEmpty()) {
      probes = created;
      created.start();
    }
  }

  /** The active probes, when any deployment is probed (tests). */
  synchronized ActiveProbes probes() {
    return probes;
  }

  /** The live health map, read-only (for {@code GET /admin/health}). */
  public HealthView health() {
    return new HealthView(this);
  }

  /** Shares health changes with the other nodes through {@code cluster.redis}; a no-op without it. */
  public Future<Void> joinCluster(Vertx vertx) {
    RedisConfig redis = gatewayConfig.cluster().redis();
    if (redis == null) {
      return Future.succeededFuture();
    }
    return joinCluster(vertx, redis, gatewayConfig.cluster().healthChannel());
  }

  public Future<Void> joinCluster(Vertx vertx, RedisConfig redis, String channel) {
    RedisHealthBus redisBus = new RedisHealthBus(vertx, redis, channel);
    return joinCluster(redisBus, redisBus.start());
  }

  Future<Void> joinCluster(HealthBus newBus, Future<Void> started) {
    this.bus = newBus;
    registry.connect(newBus);
    return started;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (probes != null) {
        probes.close();
      }
    }
    HealthBus current = bus;
    if (current != null) {
      current.close();
    }
  }

  /**
   * The routing decision this node would make for {@code exchange} now, without calling anyone: the short form of
   * {@code x-switchboard-route} followed by the order of deployments. Null when the model is unknown.
   */
  public String explain(dev.switchboard.core.pipeline.Exchange exchange) {
    ModelGroup group = catalog.resolve(exchange.model()).orElse(null);
    if (group == null) {
      return null;
    }
    RoutePlan plan = router.plan(group, exchange, d -> true);
    StringBuilder out = new StringBuilder(plan.decision().shortForm(null, 0)).append("; order=");
    for (int i = 0; i < plan.candidates().size(); i++) {
      out.append(i == 0 ? "" : ",").append(plan.candidates().get(i).id());
    }
    return out.toString();
  }

  /** Takes a deployment out of rotation for {@code millis} (an operator's decision), telling the other nodes. */
  public boolean eject(String deploymentId, long millis) {
    return registry.ejectManually(deploymentId, millis);
  }

  /**
   * Forgets this node's health state: every deployment healthy, every key usable again (for example after keys
   * were replaced at the provider). Other nodes are not told.
   */
  public void resetHealth() {
    registry.reset();
  }

  /** Observes every health change on this node, local or from another node (on an arbitrary thread). */
  public void onHealthEvent(java.util.function.Consumer<HealthEvent> listener) {
    registry.listen(listener);
  }

  public String nodeId() {
    return registry.nodeId();
  }

  ModelCatalog catalog() {
    return catalog;
  }

  RoutingConfig config() {
    return config;
  }

  HealthRegistry registry() {
    return registry;
  }

  RetryBudget budget() {
    return budget;
  }

  Router router() {
    return router;
  }

  Clock clock() {
    return clock;
  }

  Randomness random() {
    return random;
  }

  LatencyWindow latencyWindow(ModelGroup group, boolean stream) {
    return windows.computeIfAbsent(group.name() + (stream ? "#stream" : ""),
        k -> new LatencyWindow(LATENCY_SAMPLES));
  }
}
