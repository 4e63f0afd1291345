package dev.switchboard.core.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Virtual keys from the key store, looked up by the digest of the presented secret and cached in memory.
 * Revocations and changes reach every node through the {@link InvalidationBus}; while the bus is unhealthy the
 * cache is bypassed, so a revoked key can never outlive a lost message. Unknown digests are cached for one second
 * (bounded), so guessing keys costs the store little. Expiry is checked on every request with the injected clock.
 */
public final class VirtualKeyResolver implements KeyResolver {
  private static final Duration NEGATIVE_TTL = Duration.ofSeconds(1);
  private final KeyLookup lookup;
  private final Clock clock;
  private final InvalidationBus bus;
  private final AsyncCache<String, Optional<KeyRecord>> cache;

  public VirtualKeyResolver(KeyLookup lookup, Clock clock, Duration ttl, InvalidationBus bus) {
    this.lookup = lookup;
    this.clock = clock;
    this.bus = bus;
    this.cache = Caffeine.newBuilder()
        .ticker(clock::nanoTime)
        .maximumSize(200_000)
        .expireAfter(Expiry.<String, Optional<KeyRecord>>creating((digest, found) ->
            found.isPresent() ? ttl : NEGATIVE_TTL))
        .buildAsync();
    bus.subscribe(this::onInvalidation);
  }

  @Override
  public Future<Principal> resolve(String presentedKey) {
    String digest = StaticKeyResolver.digest(presentedKey);
    if (!bus.healthy()) {
      return lookup.findByDigest(digest).map(this::active);
    }
    CompletableFuture<Optional<KeyRecord>> cached = cache.get(digest, (key, executor) ->
        lookup.findByDigest(key).map(Optional::ofNullable).toCompletionStage().toCompletableFuture());
    if (cached.isDone() && !cached.isCompletedExceptionally()) {
      return Future.succeededFuture(active(cached.join().orElse(null)));
    }
    Context context = Vertx.currentContext();
    Future<Optional<KeyRecord>> found = context == null ? Future.fromCompletionStage(cached)
        : Future.fromCompletionStage(cached, context);
    return found.map(record -> active(record.orElse(null)));
  }

  private Principal active(KeyRecord record) {
    return record != null && record.activeAt(clock.epochMillis()) ? record.principal() : null;
  }

  private void onInvalidation(String message) {
    if (message.startsWith("key:")) {
      cache.synchronous().invalidate(message.substring(4));
    } else {
      cache.synchronous().invalidateAll();
    }
  }
}
