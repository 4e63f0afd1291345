package dev.switchboard.core.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API keys of one provider, handed out in turn. A 429 cools a key down (until its Retry-After, or a default);
 * a 401/402/403 marks it dead until the configuration changes (a new pool). Thread-safe. Keys are identified to
 * the outside world only by position and a short fingerprint, never by their value.
 */
public final class KeyPool {
  /** A key handed out for one attempt; {@code value} is null for providers that need no key. */
  public record Lease(int index, String value) {}

  private static final Lease NO_KEY = new Lease(-1, null);

  private final String provider;
  private final List<String> keys;
  private final List<String> fingerprints;
  private final long[] coolUntilNanos;
  private final boolean[] dead;
  private final long[] rateLimited;
  private final long[] rejected;
  private final AtomicInteger next = new AtomicInteger();

  public KeyPool(List<String> keys) {
    this("", keys);
  }

  public KeyPool(String provider, List<String> keys) {
    this.provider = provider;
    this.keys = List.copyOf(keys);
    List<String> prints = new ArrayList<>(keys.size());
    for (String key : keys) {
      prints.add(fingerprint(key));
    }
    this.fingerprints = List.copyOf(prints);
    this.coolUntilNanos = new long[keys.size()];
    java.util.Arrays.fill(coolUntilNanos, Long.MIN_VALUE / 2);
    this.dead = new boolean[keys.size()];
    this.rateLimited = new long[keys.size()];
    this.rejected = new long[keys.size()];
  }

  /** The next key, or null when the provider needs none (local servers). Ignores key health. */
  public String next() {
    if (keys.isEmpty()) {
      return null;
    }
    return keys.get(Math.floorMod(next.getAndIncrement(), keys.size()));
  }

  /** The next usable key at {@code nowNanos}; a lease without value for keyless providers; null when all are out. */
  Lease acquire(long nowNanos) {
    if (keys.isEmpty()) {
      return NO_KEY;
    }
    int start = Math.floorMod(next.getAndIncrement(), keys.size());
    synchronized (this) {
      for (int i = 0; i < keys.size(); i++) {
        int index = (start + i) % keys.size();
        if (!dead[index] && coolUntilNanos[index] - nowNanos <= 0) {
          return new Lease(index, keys.get(index));
        }
      }
    }
    return null;
  }

  /** The earliest time a cooling key comes back, or -1 when every key is dead (or none is cooling). */
  synchronized long nextAvailableNanos(long nowNanos) {
    long earliest = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (!dead[i] && (earliest < 0 || coolUntilNanos[i] < earliest)) {
        earliest = Math.max(nowNanos, coolUntilNanos[i]);
      }
    }
    return earliest;
  }

  /** A 429: the key rests until {@code untilNanos}. Returns whether this changed anything. */
  synchronized boolean coolDown(int index, long untilNanos) {
    if (index < 0 || index >= keys.size()) {
      return false;
    }
    rateLimited[index]++;
    if (untilNanos - coolUntilNanos[index] > 0) {
      coolUntilNanos[index] = untilNanos;
      return true;
    }
    return false;
  }

  /** A 401/402/403: the key is not used again until the configuration changes. Returns whether it was alive. */
  synchronized boolean markDead(int index) {
    if (index < 0 || index >= keys.size()) {
      return false;
    }
    rejected[index]++;
    boolean wasAlive = !dead[index];
    dead[index] = true;
    return wasAlive;
  }

  /** Brings every key back: no cooling, none dead (an operator's reset). */
  synchronized void reset() {
    java.util.Arrays.fill(coolUntilNanos, Long.MIN_VALUE / 2);
    java.util.Arrays.fill(dead, false);
  }

  /** The position of the key with this fingerprint, or -1. */
  int indexOf(String fingerprint) {
    return fingerprints.indexOf(fingerprint);
  }

  String fingerprint(int index) {
    return fingerprints.get(index);
  }

  String provider() {
    return provider;
  }

  public int size() {
    return keys.size();
  }

  /** Per-key state without key material: position, fingerprint, state, counters. */
  synchronized List<KeyState> states(long nowNanos) {
    List<KeyState> states = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String state = dead[i] ? "dead" : coolUntilNanos[i] - nowNanos > 0 ? "cooling" : "ok";
      long coolingMillis = state.equals("cooling") ? (coolUntilNanos[i] - nowNanos) / 1_000_000 : 0;
      states.add(new KeyState(i, fingerprints.get(i), state, coolingMillis, rateLimited[i], rejected[i]));
    }
    return states;
  }

  record KeyState(int index, String fingerprint, String state, long coolingMillis, long rateLimited,
      long rejected) {}

  private static String fingerprint(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(8);
      for (int i = 0; i < 4; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
