package dev.switchboard.bench.seed;

import java.util.EnumMap;
import java.util.Map;

/**
 * Cache accounting by request kind: the hit rate over all answered requests (the 50/50 mix caps it at the share of
 * cacheable requests), the hits on cacheable requests (exact repeats and paraphrases), and false hits: answers from
 * cache to requests that must not have one (new prompts and hard negatives).
 */
public final class HitAccount {
  private final Map<Workload.Kind, long[]> byKind = new EnumMap<>(Workload.Kind.class);

  public HitAccount() {
    for (Workload.Kind kind : Workload.Kind.values()) {
      byKind.put(kind, new long[2]);
    }
  }

  /** An answered request of {@code kind}, served from cache or not. */
  public void record(Workload.Kind kind, boolean hit) {
    long[] counts = byKind.get(kind);
    counts[0]++;
    if (hit) {
      counts[1]++;
    }
  }

  public long answered() {
    long total = 0;
    for (long[] counts : byKind.values()) {
      total += counts[0];
    }
    return total;
  }

  public long hits() {
    long total = 0;
    for (long[] counts : byKind.values()) {
      total += counts[1];
    }
    return total;
  }

  public long answered(Workload.Kind kind) {
    return byKind.get(kind)[0];
  }

  public long hits(Workload.Kind kind) {
    return byKind.get(kind)[1];
  }

  /** Hits over all answered requests; NaN when none. */
  public double hitRate() {
    return ratio(hits(), answered());
  }

  /** The best a correct cache could do: the share of answered requests that were cacheable. */
  public double ceiling() {
    return ratio(answered(Workload.Kind.EXACT_REPEAT) + answered(Workload.Kind.PARAPHRASE), answered());
  }

  /** Hits on requests that must not hit (new prompts and hard negatives). */
  public long falseHits() {
    return hits(Workload.Kind.NEW) + hits(Workload.Kind.HARD_NEGATIVE);
  }

  /** False hits over the requests that must not hit; NaN when none. */
  public double falseHitRate() {
    return ratio(falseHits(), answered(Workload.Kind.NEW) + answered(Workload.Kind.HARD_NEGATIVE));
  }

  /** Hits over requests of {@code kind}; NaN when none. */
  public double hitRate(Workload.Kind kind) {
    return ratio(hits(kind), answered(kind));
  }

  static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
