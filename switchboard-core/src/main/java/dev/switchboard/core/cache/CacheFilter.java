package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorType;
import dev.switchboard.core.config.CacheConfig;
import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.usage.Usage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Locale;

/**
 * Answers from the response cache where it safely can: the exact tiers first (in-process, then Redis), then the
 * semantic tier for eligible requests. On a miss it leads or joins a single flight, and on the way back stores the
 * answer (a whole completion, or the chunks of a stream up to a size cap). Sets {@code x-switchboard-cache:
 * hit | semantic | miss | bypass} and, for semantic hits, {@code x-switchboard-cache-similarity}.
 */
public final class CacheFilter implements Filter {
  /** The guard policy in force, set by the guard filter; answers never cross policies. */
  public static final Attribute<String> GUARD_POLICY = Attribute.named("cache.guard-policy");
  /** The usage of the answer served from cache (not billed: the record's usage stays empty). */
  public static final Attribute<Usage> CACHED_USAGE = Attribute.named("cache.cached-usage");
  public static final String STATUS_HEADER = "x-switchboard-cache";
  public static final String SIMILARITY_HEADER = "x-switchboard-cache-similarity";

  /** Prices what a hit saved: the cost the answer would have had upstream. */
  @FunctionalInterface
  public interface SavedCost {
    double usd(String model, Usage usage);

    SavedCost NONE = (model, usage) -> 0.0;
  }

  static final Attribute<CacheState> STATE = Attribute.named("cache.state");

  private final CacheConfig config;
  private final ResponseCache cache;
  private final SemanticTier semantic;
  private final CacheKeys keys = new CacheKeys();
  private final SingleFlight flights = new SingleFlight();
  private final SavedCost savedCost;
  private final Vertx vertx;

  public CacheFilter(CacheConfig config, ResponseCache cache, SemanticTier semantic, SavedCost savedCost,
      Vertx vertx) {
    this.config = config;
    this.cache = cache;
    this.semantic = semantic == null ? SemanticTier.NONE : semantic;
    this.savedCost = savedCost == null ? SavedCost.NONE : savedCost;
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return "cache";
  }

  public ResponseCache cache() {
    return cache;
  }

  public SemanticTier semantic() {
    return semantic;
  }

  /** The exact key a request would have (for admin purges by key). */
  public String keyFor(Exchange exchange) {
    CacheControls controls = CacheControls.of(exchange, config.ttlSeconds(), config.maxTtlSeconds());
    return keys.exactKey(scope(exchange, controls), exchange.body());
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    if (!config.enabled() || exchange.endpoint() == Endpoint.EMBEDDINGS && exchange.isStream()) {
      return bypass(exchange);
    }
    CacheControls controls = CacheControls.of(exchange, config.ttlSeconds(), config.maxTtlSeconds());
    if ((controls.noStore() || controls.ttlSeconds() == 0) && controls.noCache()) {
      return bypass(exchange);
    }
    CacheScope scope = scope(exchange, controls);
    CacheState state = new CacheState(keys.exactKey(scope, exchange.body()), controls);
    exchange.put(STATE, state);
    if (exchange.endpoint() != Endpoint.EMBEDDINGS && semantic.eligible(exchange.body(), controls.semanticOptIn())) {
      state.prompt = CacheKeys.lastUserText(exchange.body());
      state.contextHash = state.prompt == null ? null : keys.contextHash(scope, exchange.body());
    }
    if (controls.noCache()) {
      state.status = "bypass";
      cache.stats().bypasses.increment();
      return Verdict.proceed();
    }
    byte[] local = cache.getLocal(state.key);
    if (local != null) {
      Future<Verdict> hit = hit(exchange, local, "hit", 0);
      if (hit != null) {
        return hit;
      }
    }
    if (!cache.hasShared() && state.contextHash == null && !controls.onlyIfCached()
        && flights.leaderDone(state.key) == null) {
      return lead(exchange, state);
    }
    state.context = Vertx.currentContext();
    return slowLookup(exchange, state, 0);
  }

  /** What the slow look-up found: stored bytes and how (exact or semantic). */
  private record Found(byte[] bytes, String status, double similarity) {}

  /**
   * Looks in Redis and the semantic tier (their callbacks may run on other threads, so nothing here touches the
   * exchange), then continues on the request's event loop.
   */
  private Future<Verdict> slowLookup(Exchange exchange, CacheState state, int round) {
    return onContext(state.context, find(state, round)).compose(found -> {
      Future<Verdict> hit = found == null ? null : hit(exchange, found.bytes(), found.status(), found.similarity());
      return hit != null ? hit : afterMiss(exchange, state, round);
    });
  }

  private Future<Found> find(CacheState state, int round) {
    Future<byte[]> lookup = round == 0 ? cache.getShared(state.key) : cache.get(state.key);
    return lookup.compose(bytes -> {
      if (bytes != null) {
        return Future.succeededFuture(new Found(bytes, "hit", 0));
      }
      if (state.contextHash == null || round > 0) {
        return Future.succeededFuture(null);
      }
      return semantic.find(state.contextHash, state.prompt).compose(match -> match == null
          ? Future.succeededFuture(null)
          : cache.get(match.exactKey()).map(found -> found == null ? null
              : new Found(found, "semantic", match.similarity())));
    });
  }

  private Future<Verdict> afterMiss(Exchange exchange, CacheState state, int round) {
    if (state.controls.onlyIfCached()) {
      cache.stats().misses.increment();
      exchange.responseHeaders().set(STATUS_HEADER, "miss");
      exchange.record().cacheStatus = "miss";
      return Verdict.reject(new GatewayException(504, ErrorType.INVALID_REQUEST, "cache_miss", STATUS_HEADER,
          "The answer is not in the cache and the request asked for only-if-cached."));
    }
    Future<Void> leader = flights.leaderDone(state.key);
    if (leader == null || round >= 2) {
      return lead(exchange, state);
    }
    cache.stats().singleFlightWaits.increment();
    return waitFor(leader).compose(v -> slowLookup(exchange, state, round + 1));
  }

  private Future<Verdict> lead(Exchange exchange, CacheState state) {
    if (!state.controls.noStore()) {
      state.flight = flights.lead(state.key);
    }
    cache.stats().misses.increment();
    return Verdict.proceed();
  }

  private Future<Void> waitFor(Future<Void> leader) {
    Promise<Void> waited = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, config.singleFlightTimeoutMs()), id -> waited.tryComplete());
    leader.onComplete(done -> {
      vertx.cancelTimer(timer);
      waited.tryComplete();
    });
    return waited.future();
  }

  /** A hit verdict, or null when the stored bytes are not a usable answer. */
  private Future<Verdict> hit(Exchange exchange, byte[] bytes, String status, double similarity) {
    CachedAnswer answer = CachedAnswer.fromBytes(bytes);
    if (answer == null) {
      return null;
    }
    exchange.responseHeaders().set(STATUS_HEADER, status);
    if ("semantic".equals(status)) {
      exchange.responseHeaders().set(SIMILARITY_HEADER, String.format(Locale.ROOT, "%.4f", similarity));
      cache.stats().semanticHits.increment();
    } else {
      cache.stats().hits.increment();
    }
    Usage usage = answer.usage();
    double saved = usage == null ? answer.costUsd() : savedCost.usd(exchange.model(), usage);
    exchange.record().cacheStatus = status;
    exchange.record().savedCostUsd = saved;
    exchange.record().costUsd = 0;
    if (usage != null) {
      exchange.put(CACHED_USAGE, usage);
    }
    cache.stats().savedCostUsd.add(saved);
    return Verdict.answer(CacheReplay.toResponse(exchange, answer));
  }

  @Override
  public GatewayResponse onResponse(Exchange exchange, GatewayResponse response) {
    CacheState state = exchange.get(STATE);
    if (state == null) {
      return response;
    }
    exchange.responseHeaders().set(STATUS_HEADER, state.status);
    exchange.record().cacheStatus = state.status;
    if (state.controls.noStore() || state.controls.ttlSeconds() <= 0 || response.status() != 200) {
      state.releaseFlight();
      return response;
    }
    if (response instanceof GatewayResponse.Full full) {
      storeFull(state, full.body());
      return response;
    }
    GatewayResponse.Stream stream = (GatewayResponse.Stream) response;
    return stream.observedBy(new StoringObserver(config.maxEntryBytes(), bytes -> store(state, bytes),
        state::releaseFlight, cache.stats()));
  }

  @Override
  public void onComplete(Exchange exchange) {
    CacheState state = exchange.get(STATE);
    if (state != null) {
      state.releaseFlight();
    }
  }

  private void storeFull(CacheState state, ObjectNode body) {
    if (StoringObserver.storable(body)) {
      byte[] bytes = CachedAnswer.ofCompletion(body, 0).toBytes();
      if (bytes.length <= config.maxEntryBytes()) {
        store(state, bytes);
      } else {
        cache.stats().tooLarge.increment();
      }
    }
    state.releaseFlight();
  }

  private void store(CacheState state, byte[] bytes) {
    cache.put(state.key, bytes, state.controls.ttlSeconds());
    if (state.contextHash != null) {
      semantic.remember(state.contextHash, state.prompt, state.key, state.controls.ttlSeconds());
    }
  }

  private Future<Verdict> bypass(Exchange exchange) {
    exchange.responseHeaders().set(STATUS_HEADER, "bypass");
    exchange.record().cacheStatus = "bypass";
    cache.stats().bypasses.increment();
    return Verdict.proceed();
  }

  private static CacheScope scope(Exchange exchange, CacheControls controls) {
    String tenant = exchange.principal() == null ? null : exchange.principal().tenant();
    return new CacheScope(tenant, controls.namespace(), exchange.get(GUARD_POLICY));
  }

  /** Completes on the request's event loop: the exchange is confined to it. */
  private static <T> Future<T> onContext(Context context, Future<T> future) {
    if (context == null || future.isComplete() && Vertx.currentContext() == context) {
      return future;
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        promise.handle(result);
      } else {
        context.runOnContext(v -> promise.handle(result));
      }
    });
    return promise.future();
  }
}
