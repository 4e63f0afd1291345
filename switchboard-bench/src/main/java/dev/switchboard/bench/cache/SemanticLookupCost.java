package dev.switchboard.bench.cache;

import dev.switchboard.bench.seed.PromptPool;
import dev.switchboard.bench.seed.Workload;
import dev.switchboard.core.cache.SemanticTier;
import dev.switchboard.core.cache.semantic.LocalSemanticTier;
import dev.switchboard.core.cache.semantic.MiniLmEmbedder;
import dev.switchboard.core.config.SemanticCacheConfig;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of a semantic look-up on the seed benchmark's request mix (real prompts, exact repeats, PAWS paraphrases
 * and PAWS hard negatives). Each request goes first to an exact tier (a set of keys); on an exact miss the semantic
 * tier is asked, synchronously on this thread ({@link LocalSemanticTier#findNow}), and on a semantic miss the prompt
 * is stored ({@code remember}). The embedding model runs on the calling thread, so the thread's CPU time is the
 * whole cost of each call. Prints percentiles of CPU per look-up and per store, and what each kind of request did.
 *
 * <p>Arguments: {@code [requests] [warm-up requests] [data dir]} (defaults 4000, 1000, the shared data folder).
 */
public final class SemanticLookupCost {
  private SemanticLookupCost() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path data = args.length > 2 ? Path.of(args[2]) : PromptPool.defaultLocation();
    PromptPool pool = PromptPool.load(data);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Vertx vertx = Vertx.vertx();
    LocalSemanticTier tier = new LocalSemanticTier(SemanticCacheConfig.defaults().withEnabled(true),
        new MiniLmEmbedder(), vertx, Clock.system());
    Workload workload = new Workload(pool, List.of("gpt-4o-mini"), 42, 0.5, 0.2);
    Set<String> exact = new HashSet<>();
    List<String> wrongHits = new java.util.ArrayList<>();
    long[] lookupNanos = new long[requests];
    long[] storeNanos = new long[requests];
    int lookups = 0;
    int stores = 0;
    int exactHits = 0;
    Map<Workload.Kind, int[]> byKind = new EnumMap<>(Workload.Kind.class);
    long started = System.nanoTime();
    try {
      for (int i = 0; i < warmup + requests; i++) {
        boolean measured = i >= warmup;
        Workload.Planned request = workload.next();
        String context = request.system() + '\u0000' + request.model();
        String key = context + '\u0000' + request.text();
        int[] counts = measured ? byKind.computeIfAbsent(request.kind(), k -> new int[4]) : new int[4];
        counts[0]++;
        if (exact.contains(key)) {
          counts[1]++;
          exactHits += measured ? 1 : 0;
          workload.completed(request, true);
          continue;
        }
        long before = threads.getCurrentThreadCpuTime();
        SemanticTier.Match match = tier.findNow(context, request.text());
        long lookup = threads.getCurrentThreadCpuTime() - before;
        if (measured) {
          lookupNanos[lookups++] = lookup;
        }
        if (match != null) {
          counts[2]++;
          if (measured && !request.kind().cacheable() && wrongHits.size() < 12) {
            String matched = match.exactKey().substring(match.exactKey().lastIndexOf('\u0000') + 1);
            wrongHits.add(String.format(Locale.ROOT, "%s %.3f | %s | %s", request.kind(), match.similarity(),
                request.text(), matched));
          }
        } else {
          before = threads.getCurrentThreadCpuTime();
          exact.add(key);
          tier.remember(context, request.text(), key, 3600);
          long store = threads.getCurrentThreadCpuTime() - before;
          if (measured) {
            storeNanos[stores++] = store;
          }
          counts[3]++;
        }
        workload.completed(request, true);
      }
    } finally {
      tier.close();
      vertx.close();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "Semantic look-up CPU on the seed mix: %d requests measured after %d warm-up "
        + "(%.1f s)%n", requests, warmup, seconds);
    System.out.printf(Locale.ROOT, "  exact hits (no semantic look-up): %d%n", exactHits);
    System.out.println("  " + percentiles("look-up CPU", Arrays.copyOf(lookupNanos, lookups)));
    System.out.println("  " + percentiles("store CPU  ", Arrays.copyOf(storeNanos, stores)));
    System.out.println("  tier counters: " + tier.statsJson());
    System.out.println("  by kind (requests, exact hits, semantic hits, misses):");
    byKind.forEach((kind, c) -> System.out.printf(Locale.ROOT, "    %-14s %5d %5d %5d %5d%n", kind, c[0], c[1],
        c[2], c[3]));
    System.out.println("  semantic hits on requests meant to miss (first 12): kind, similarity, query | cached");
    wrongHits.forEach(line -> System.out.println("    " + line));
  }

  private static String percentiles(String label, long[] nanos) {
    if (nanos.length == 0) {
      return label + ": none";
    }
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0);
    return String.format(Locale.ROOT, "%s (n=%d): p50 %.3f ms  p75 %.3f ms  p90 %.3f ms  p99 %.3f ms  mean %.3f ms",
        label, nanos.length, at(nanos, 0.50), at(nanos, 0.75), at(nanos, 0.90), at(nanos, 0.99), mean / 1e6);
  }

  private static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
  }
}
