package dev.switchboard.core.observe;

import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.ObservabilityConfig;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.store.Database;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import dev.switchboard.core.usage.PriceCatalog;
import dev.switchboard.core.usage.TokenEstimator;
import dev.switchboard.core.usage.UsageFilter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one gateway shares for recording: prices, the token estimator, the request log and its store,
 * metrics and tracing. Built once at start-up from the configuration; filters are made per event loop from it.
 */
public final class Observability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

  private final ObservabilityConfig config;
  private final PriceCatalog prices;
  private final TokenEstimator estimator;
  private final Map<String, String> providerTypes;
  private final GatewayMetrics metrics;
  private final Database database;
  private final RequestLogStore store;
  private final RequestLogQueries queries;
  private final RequestLog log;
  private final Tracing tracing;
  private final Clock clock;

  private Observability(GatewayConfig gateway, Clock clock, Randomness randomness) {
    this.config = gateway.observability();
    this.clock = clock;
    this.prices = PriceCatalog.load(config.prices());
    this.estimator = new TokenEstimator();
    Map<String, String> types = new HashMap<>();
    for (ProviderConfig provider : gateway.providers()) {
      types.put(provider.name(), provider.type());
    }
    this.providerTypes = Map.copyOf(types);
    this.metrics = new GatewayMetrics();
    boolean keepRows = config.enabled() && config.requestLog().enabled();
    this.database = keepRows ? Database.open(gateway.store(), "requests") : null;
    this.store = database == null ? null : new RequestLogStore(database);
    this.queries = database == null ? null : new RequestLogQueries(database);
    String spoolDir = config.requestLog().spoolDir() != null ? config.requestLog().spoolDir()
        : Path.of(gateway.store().dataDir(), "spool").toString();
    this.log = new RequestLog(store, Path.of(spoolDir), config, clock, randomness);
    if (config.metrics()) {
      log.subscribe(metrics);
      metrics.watch(log);
    }
    this.tracing = Tracing.create(config.tracing());
  }

  /** Builds the shared state; call {@link #migrate()} before serving. */
  public static Observability create(GatewayConfig gateway, Clock clock, Randomness randomness) {
    return new Observability(gateway, clock, randomness);
  }

  /** Migrates the request-log schema. Never fails: a store that is down only delays it (records are spooled). */
  public CompletableFuture<Void> migrate() {
    if (store == null) {
      return CompletableFuture.completedFuture(null);
    }
    return store.migrate().handle((versions, error) -> {
      if (error != null) {
        LOG.warn("request log schema not migrated yet: the store is unavailable; records will be spooled");
      }
      return null;
    });
  }

  /** The recording filter; place it right after the request-id filter. */
  public AccessLogFilter accessLogFilter() {
    return new AccessLogFilter(log, clock, metrics.inFlight());
  }

  /** The pricing filter; place it before the cache filter so cache hits record what they saved. */
  public UsageFilter usageFilter() {
    return new UsageFilter(prices, estimator, providerTypes);
  }

  /** The tracing filter, or null when tracing is off (then nothing is added to the chain). */
  public TracingFilter tracingFilter() {
    return tracing.enabled() ? new TracingFilter(tracing, clock) : null;
  }

  public ObservabilityConfig config() {
    return config;
  }

  public PriceCatalog prices() {
    return prices;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public RequestLog log() {
    return log;
  }

  /** Read access to stored records, or null when the request log keeps no rows. */
  public RequestLogQueries queries() {
    return queries;
  }

  public Tracing tracing() {
    return tracing;
  }

  @Override
  public void close() {
    log.close();
    tracing.close();
    if (database != null) {
      database.close();
    }
  }
}
