package dev.switchboard.core.cache.semantic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cached prompts, partitioned by context hash (only prompts whose whole context matches can ever match), with an
 * inverted index of content-word stems inside each partition for the cheap first stage, and unit vectors for the
 * exact cosine of the candidates it lets through. Bounded: the oldest prompts leave first. Thread-safe.
 */
final class SemanticIndex {
  /**
   * One cached prompt. Its vector is computed only when the prompt first becomes a candidate that passed the
   * guards (most cached prompts never do), or arrives with it from another node.
   */
  static final class Entry {
    private final String key;
    private final String prompt;
    private final PromptFeatures features;
    private final Set<String> stems;
    private final long expiresAtMillis;
    private volatile float[] vector;

    Entry(String key, String prompt, PromptFeatures features, Set<String> stems, float[] vector,
        long expiresAtMillis) {
      this.key = key;
      this.prompt = prompt;
      this.features = features;
      this.stems = stems;
      this.vector = vector;
      this.expiresAtMillis = expiresAtMillis;
    }

    String key() {
      return key;
    }

    String prompt() {
      return prompt;
    }

    PromptFeatures features() {
      return features;
    }

    Set<String> stems() {
      return stems;
    }

    long expiresAtMillis() {
      return expiresAtMillis;
    }

    /** The unit vector, or null while it has not been needed yet. */
    float[] vector() {
      return vector;
    }

    void vector(float[] computed) {
      this.vector = computed;
    }
  }

  /** A candidate with its share of the query's stems. */
  record Candidate(Entry entry, double overlap) {}

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final ArrayDeque<String[]> order = new ArrayDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int maxEntries;

  SemanticIndex(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  boolean hasContext(String contextHash) {
    return buckets.containsKey(contextHash);
  }

  int size() {
    return size.get();
  }

  int contexts() {
    return buckets.size();
  }

  void add(String contextHash, Entry entry) {
    Bucket bucket = buckets.computeIfAbsent(contextHash, h -> new Bucket());
    if (bucket.put(entry)) {
      size.incrementAndGet();
    }
    synchronized (order) {
      order.add(new String[] {contextHash, entry.key()});
      while (size.get() > maxEntries && !order.isEmpty()) {
        String[] oldest = order.poll();
        remove(oldest[0], oldest[1]);
      }
      if (order.size() > 2 * maxEntries + 16) {
        order.poll();
      }
    }
  }

  void remove(String contextHash, String key) {
    Bucket bucket = buckets.get(contextHash);
    if (bucket != null && bucket.remove(key)) {
      size.decrementAndGet();
      if (bucket.isEmpty()) {
        buckets.remove(contextHash, bucket);
      }
    }
  }

  /**
   * The live prompts of a context that share at least {@code minOverlap} of their stems with the query (overlap
   * coefficient), best first, at most {@code limit}. Expired prompts found on the way are dropped.
   */
  List<Candidate> candidates(String contextHash, Set<String> stems, double minOverlap, long nowMillis, int limit) {
    Bucket bucket = buckets.get(contextHash);
    if (bucket == null) {
      return List.of();
    }
    List<String> expired = new ArrayList<>(0);
    List<Candidate> found = bucket.candidates(stems, minOverlap, nowMillis, limit, expired);
    for (String key : expired) {
      remove(contextHash, key);
    }
    found.sort((a, b) -> Double.compare(b.overlap(), a.overlap()));
    return found;
  }

  /** How many postings the gate would count for these stems in a context: the cost of {@link #candidates}. */
  int postings(String contextHash, Set<String> stems) {
    Bucket bucket = buckets.get(contextHash);
    return bucket == null ? 0 : bucket.postings(stems);
  }

  /** Every live prompt of a context (the flat scan, for comparison). */
  List<Entry> all(String contextHash) {
    Bucket bucket = buckets.get(contextHash);
    return bucket == null ? List.of() : bucket.all();
  }

  /** One context's prompts. */
  private static final class Bucket {
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final HashMap<String, Set<String>> postings = new HashMap<>();

    synchronized boolean put(Entry entry) {
      Entry previous = entries.put(entry.key(), entry);
      if (previous != null) {
        unpost(previous);
      }
      for (String stem : entry.stems()) {
        postings.computeIfAbsent(stem, s -> new HashSet<>()).add(entry.key());
      }
      return previous == null;
    }

    synchronized boolean remove(String key) {
      Entry removed = entries.remove(key);
      if (removed != null) {
        unpost(removed);
      }
      return removed != null;
    }

    synchronized int postings(Set<String> stems) {
      int total = 0;
      for (String stem : stems) {
        Set<String> keys = postings.get(stem);
        total += keys == null ? 0 : keys.size();
      }
      return total;
    }

    synchronized boolean isEmpty() {
      return entries.isEmpty();
    }

    synchronized List<Entry> all() {
      return new ArrayList<>(entries.values());
    }

    private void unpost(Entry entry) {
      for (String stem : entry.stems()) {
        Set<String> keys = postings.get(stem);
        if (keys != null) {
          keys.remove(entry.key());
          if (keys.isEmpty()) {
            postings.remove(stem);
          }
        }
      }
    }

    synchronized List<Candidate> candidates(Set<String> stems, double minOverlap, long nowMillis, int limit,
        List<String> expired) {
      HashMap<String, int[]> shared = new HashMap<>();
      for (String stem : stems) {
        Set<String> keys = postings.get(stem);
        if (keys != null) {
          for (String key : keys) {
            int[] count = shared.get(key);
            if (count == null) {
              shared.put(key, new int[] {1});
            } else {
              count[0]++;
            }
          }
        }
      }
      PriorityQueue<Candidate> best = new PriorityQueue<>(limit + 1,
          (a, b) -> Double.compare(a.overlap(), b.overlap()));
      for (Map.Entry<String, int[]> hit : shared.entrySet()) {
        Entry entry = entries.get(hit.getKey());
        int smaller = Math.max(1, Math.min(stems.size(), entry.stems().size()));
        double overlap = hit.getValue()[0] / (double) smaller;
        if (overlap < minOverlap || best.size() >= limit && overlap <= best.peek().overlap()) {
          continue;
        }
        if (entry.expiresAtMillis() <= nowMillis) {
          expired.add(entry.key());
          continue;
        }
        best.add(new Candidate(entry, overlap));
        if (best.size() > limit) {
          best.poll();
        }
      }
      return new ArrayList<>(best);
    }
  }
}
