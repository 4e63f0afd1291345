package dev.switchboard.core.governance;

import dev.switchboard.core.auth.AuthFilter;
import dev.switchboard.core.auth.InvalidationBus;
import dev.switchboard.core.auth.KeyResolver;
import dev.switchboard.core.auth.RedisInvalidationBus;
import dev.switchboard.core.auth.VirtualKeyResolver;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.GovernanceConfig;
import dev.switchboard.core.config.RedisConfig;
import dev.switchboard.core.limits.BudgetAlerts;
import dev.switchboard.core.limits.BudgetFilter;
import dev.switchboard.core.limits.ClusterRateLimiter;
import dev.switchboard.core.limits.ClusterSpendLedger;
import dev.switchboard.core.limits.RedisBreaker;
import dev.switchboard.core.limits.CostEstimator;
import dev.switchboard.core.limits.LocalRateLimiter;
import dev.switchboard.core.limits.LocalSpendLedger;
import dev.switchboard.core.limits.RateLimitFilter;
import dev.switchboard.core.limits.RateLimiter;
import dev.switchboard.core.limits.RedisClients;
import dev.switchboard.core.limits.RedisRateLimiter;
import dev.switchboard.core.limits.RedisSpendLedger;
import dev.switchboard.core.limits.SpendLedger;
import dev.switchboard.core.store.Database;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the governance pieces from the configuration: key store, virtual-key resolver, limiter, ledger, filters
 * and admin API. Single node: SQLite (or PostgreSQL), in-process limits and ledger. With {@code cluster.redis}:
 * Redis limits and a Redis ledger (both with the local-share fallback behind one breaker) and Redis pub/sub for key
 * invalidation.
 */
public final class Governance implements AutoCloseable {
  private final GovernanceConfig config;
  private final Database database;
  private final Redis redis;
  private final RedisInvalidationBus redisBus;
  private final KeyService keys;
  private final VirtualKeyResolver resolver;
  private final RateLimiter limiter;
  private final SpendLedger ledger;
  private final CredentialVault vault;
  private final AdminApi admin;
  private final UpstreamUrlFilter upstream;
  private final Clock clock;
  private final AdminAuthenticator adminAuthenticator;

  private Governance(Builder b) {
    this.adminAuthenticator = b.adminAuthenticator;
    this.config = b.config;
    this.database = b.database;
    this.redis = b.redis;
    this.redisBus = b.redisBus;
    this.keys = b.keys;
    this.resolver = b.resolver;
    this.limiter = b.limiter;
    this.ledger = b.ledger;
    this.vault = b.vault;
    this.admin = b.admin;
    this.upstream = b.upstream;
    this.clock = b.clock;
  }

  /** Opens the store (tables prefixed with {@code governance.table_prefix}) and, in a cluster, Redis. */
  public static Future<Governance> start(Vertx vertx, GatewayConfig gateway, Clock clock,
      Map<String, String> environment) {
    AdminAuthenticator admin;
    try {
      admin = AdminAuthenticator.fromEnvironment(environment, gateway.observability().adminKey());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return start(vertx, gateway, clock, environment, admin);
  }

  /** As {@link #start(Vertx, GatewayConfig, Clock, Map)}, with the admin key check the whole gateway shares. */
  public static Future<Governance> start(Vertx vertx, GatewayConfig gateway, Clock clock,
      Map<String, String> environment, AdminAuthenticator adminAuthenticator) {
    Builder b = new Builder();
    b.adminAuthenticator = adminAuthenticator;
    b.config = gateway.governance();
    b.clock = clock;
    b.database = Database.open(gateway.store(), "governance");
    GovernanceStore store = new GovernanceStore(b.database, b.config.tablePrefix());
    RedisConfig redisConfig = gateway.cluster().redis();
    String nodePrefix = "sb:" + b.config.tablePrefix();
    BudgetAlerts alerts = new BudgetAlerts(vertx, b.config.alerts());
    ConfigQuotas quotas = new ConfigQuotas(b.config.teams(), b.config.models());
    CredentialCipher cipher = CredentialCipher.fromEnvironment(environment);
    b.vault = cipher == null ? null : new CredentialVault(store, cipher, clock);
    return store.migrate().compose(migrated -> {
      if (redisConfig == null) {
        return store.loadSpend().map(spent -> {
          b.ledger = new LocalSpendLedger(clock, spent, store, alerts);
          b.limiter = new LocalRateLimiter(clock);
          return InvalidationBus.local();
        });
      }
      b.redis = RedisClients.create(vertx, redisConfig.url(), redisConfig.password());
      b.redisBus = new RedisInvalidationBus(vertx, b.redis, nodePrefix + "keys:invalidate");
      RedisBreaker breaker = new RedisBreaker(clock, 3, b.config.redisBreakerOpenMs());
      b.ledger = new ClusterSpendLedger(new RedisSpendLedger(b.redis, clock, nodePrefix, b.config.redisTimeoutMs(),
          b.config.reservationLeaseMs(), store, alerts), breaker, b.config.expectedNodes(), clock, store);
      b.limiter = new ClusterRateLimiter(new RedisRateLimiter(b.redis, clock, nodePrefix, b.config.redisTimeoutMs()),
          new LocalRateLimiter(clock, b.config.expectedNodes()), breaker);
      Future<Void> warm = Future.all(RedisRateLimiter.preload(b.redis), RedisSpendLedger.preload(b.redis))
          .<Void>mapEmpty().otherwiseEmpty();
      return warm.compose(ok -> b.redisBus.start().otherwiseEmpty()).map(started -> (InvalidationBus) b.redisBus);
    }).map(bus -> {
      b.keys = new KeyService(store, quotas, bus, clock);
      b.resolver = new VirtualKeyResolver(b.keys, clock, Duration.ofMillis(b.config.keyCacheTtlMs()), bus);
      b.admin = new AdminApi(b.adminAuthenticator, b.keys, b.ledger, b.vault);
      b.upstream = new UpstreamUrlFilter(new UpstreamUrlGuard(b.config.upstream()), vertx);
      return new Governance(b);
    });
  }

  /** The virtual-key resolver, to list after the static one in {@link AuthFilter}. */
  public KeyResolver virtualKeys() {
    return resolver;
  }

  /** Auth with the static resolvers first, then virtual keys, honouring the customer header. */
  public AuthFilter authFilter(List<KeyResolver> staticResolvers) {
    List<KeyResolver> all = new ArrayList<>(staticResolvers);
    all.add(resolver);
    return new AuthFilter(all, config.customerHeader());
  }

  /** The header naming the end customer a request acts for (e.g. "x-switchboard-customer"). */
  public String customerHeader() {
    return config.customerHeader();
  }

  public UpstreamUrlFilter upstreamUrlFilter() {
    return upstream;
  }

  public RateLimitFilter rateLimitFilter() {
    return new RateLimitFilter(limiter, keys, config.costs().defaultMaxTokens());
  }

  /** The budget filter pricing with {@code prices} (null: the flat defaults from {@code governance.costs}). */
  public BudgetFilter budgetFilter(CostEstimator prices) {
    CostEstimator estimator = prices != null ? prices : CostEstimator.flat(config.costs().inputUsdPerMillion(),
        config.costs().outputUsdPerMillion());
    return new BudgetFilter(ledger, keys, estimator, config.costs().defaultMaxTokens(), clock);
  }

  /** The admin key check shared by every admin route. */
  public AdminAuthenticator adminAuthenticator() {
    return adminAuthenticator;
  }

  public AdminApi adminApi() {
    return admin;
  }

  /** Stored provider credentials, or null without {@code SWITCHBOARD_MASTER_KEY}. */
  public CredentialVault credentials() {
    return vault;
  }

  public KeyService keys() {
    return keys;
  }

  @Override
  public void close() {
    if (redisBus != null) {
      redisBus.close();
    }
    if (redis != null) {
      redis.close();
    }
    database.close();
  }

  private static final class Builder {
    GovernanceConfig config;
    Clock clock;
    Database database;
    Redis redis;
    RedisInvalidationBus redisBus;
    KeyService keys;
    VirtualKeyResolver resolver;
    RateLimiter limiter;
    SpendLedger ledger;
    CredentialVault vault;
    AdminApi admin;
    UpstreamUrlFilter upstream;
    AdminAuthenticator adminAuthenticator;
  }
}
