package dev.switchboard.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchboard.core.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The in-process tier: a Caffeine cache bounded by the bytes it holds (W-TinyLFU eviction), each entry with its
 * own time to live, timed by the injected clock.
 */
final class LocalTier {
  /** A stored value and how long it may live. */
  record Entry(byte[] bytes, long ttlNanos) {}

  private static final int OVERHEAD_BYTES = 160;

  private final Cache<String, Entry> cache;

  LocalTier(long maxBytes, Clock clock) {
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, Entry entry) -> entry.bytes.length + 2 * key.length() + OVERHEAD_BYTES)
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry entry, long now) {
            return entry.ttlNanos;
          }

          @Override
          public long expireAfterUpdate(String key, Entry entry, long now, long current) {
            return entry.ttlNanos;
          }

          @Override
          public long expireAfterRead(String key, Entry entry, long now, long current) {
            return current;
          }
        })
        .ticker(clock::nanoTime)
        .executor(Runnable::run)
        .build();
  }

  byte[] get(String key) {
    Entry entry = cache.getIfPresent(key);
    return entry == null ? null : entry.bytes;
  }

  void put(String key, byte[] bytes, long ttlSeconds) {
    cache.put(key, new Entry(bytes, TimeUnit.SECONDS.toNanos(ttlSeconds)));
  }

  /** Removes every key that starts with {@code prefix}; returns how many. */
  long purgePrefix(String prefix) {
    long before = cache.estimatedSize();
    cache.asMap().keySet().removeIf(key -> key.startsWith(prefix));
    return Math.max(0, before - cache.estimatedSize());
  }

  boolean remove(String key) {
    return cache.asMap().remove(key) != null;
  }

  long size() {
    return cache.estimatedSize();
  }

  long weightedBytes() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  void cleanUp() {
    cache.cleanUp();
  }
}
