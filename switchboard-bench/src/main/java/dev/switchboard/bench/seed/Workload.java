package dev.switchboard.bench.seed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seed experiment's request mix, deterministic for a seed. Half the requests (by default) should be cacheable:
 * exact repeats of prompts already answered, and paraphrases of them (the label-1 partner of a PAWS sentence that
 * was answered). The other half are prompts not seen before, a share of which are hard negatives (the label-0
 * partner of an answered sentence: nearly the same words, a different meaning) that a cache must not answer.
 *
 * <p>A prompt only counts as "seen" once its answer came back ({@link #completed}), so with thousands of requests in
 * flight a repeat never races its original. When nothing cacheable is ready yet, a new prompt is sent instead and
 * the fallback is counted. When every prompt of the pool has been sent once, a new round starts with another
 * system message, so that its prompts are again unseen (cache keys are scoped by system prompt).
 * Not thread-safe: used on one event loop.
 */
public final class Workload {
  /** What a request is meant to test. */
  public enum Kind {
    NEW(false), HARD_NEGATIVE(false), EXACT_REPEAT(true), PARAPHRASE(true);

    private final boolean cacheable;

    Kind(boolean cacheable) {
      this.cacheable = cacheable;
    }

    /** Whether a correct cache may answer it. */
    public boolean cacheable() {
      return cacheable;
    }
  }

  /** One planned request. */
  public record Planned(long id, Kind kind, String model, String system, String text) {}

  private record Source(String text, String partner, boolean partnerIsParaphrase) {}

  private static final int REMEMBERED = 50_000;

  private final List<String> models;
  private final Random random;
  private final double cacheableShare;
  private final double hardNegativeShare;
  private final List<Source> sources = new ArrayList<>();
  private final Map<Long, Source> pending = new HashMap<>();
  private final ArrayDeque<Planned> paraphrasesReady = new ArrayDeque<>();
  private final ArrayDeque<Planned> negativesReady = new ArrayDeque<>();
  private final List<Planned> answered = new ArrayList<>();
  private final Map<Kind, Long> planned = new EnumMap<>(Kind.class);
  private long fallbacks;
  private long nextId;
  private int cursor;
  private int round;
  private int modelTurn;
  private final long seed;

  public Workload(PromptPool pool, List<String> models, long seed, double cacheableShare, double hardNegativeShare) {
    this.models = List.copyOf(models);
    this.random = new Random(seed);
    this.seed = seed;
    this.cacheableShare = cacheableShare;
    this.hardNegativeShare = hardNegativeShare;
    for (String prompt : pool.prompts()) {
      sources.add(new Source(prompt, null, false));
    }
    for (PromptPool.Pair pair : pool.paraphrases()) {
      sources.add(new Source(pair.first(), pair.second(), true));
    }
    for (PromptPool.Pair pair : pool.hardNegatives()) {
      sources.add(new Source(pair.first(), pair.second(), false));
    }
    Collections.shuffle(sources, random);
    for (Kind kind : Kind.values()) {
      planned.put(kind, 0L);
    }
  }

  public Planned next() {
    Planned request = null;
    if (random.nextDouble() < cacheableShare) {
      request = cacheable();
      if (request == null) {
        fallbacks++;
      }
    }
    if (request == null) {
      request = uncached();
    }
    planned.merge(request.kind(), 1L, Long::sum);
    return request;
  }

  /** Reports that a request was answered ({@code ok}) or failed; answered new prompts become repeatable. */
  public void completed(Planned request, boolean ok) {
    Source source = pending.remove(request.id());
    if (!ok || request.kind() != Kind.NEW) {
      return;
    }
    if (answered.size() < REMEMBERED) {
      answered.add(request);
    } else {
      answered.set(random.nextInt(REMEMBERED), request);
    }
    if (source != null && source.partner() != null) {
      Kind kind = source.partnerIsParaphrase() ? Kind.PARAPHRASE : Kind.HARD_NEGATIVE;
      Planned partner = new Planned(-1, kind, request.model(), request.system(), source.partner());
      (source.partnerIsParaphrase() ? paraphrasesReady : negativesReady).add(partner);
    }
  }

  public Map<Kind, Long> plannedByKind() {
    return Map.copyOf(planned);
  }

  /** Times a cacheable request was due but nothing had been answered yet to repeat, so a new prompt went. */
  public long fallbacks() {
    return fallbacks;
  }

  /** How many times the whole prompt pool has been gone through (each round has its own system message). */
  public int rounds() {
    return round + 1;
  }

  public int sourceCount() {
    return sources.size();
  }

  private Planned cacheable() {
    boolean paraphrase = random.nextBoolean();
    if (paraphrase && !paraphrasesReady.isEmpty()) {
      return renumber(paraphrasesReady.poll());
    }
    if (!answered.isEmpty()) {
      Planned original = answered.get(random.nextInt(answered.size()));
      return new Planned(nextId++, Kind.EXACT_REPEAT, original.model(), original.system(), original.text());
    }
    return paraphrasesReady.isEmpty() ? null : renumber(paraphrasesReady.poll());
  }

  private Planned uncached() {
    if (!negativesReady.isEmpty() && random.nextDouble() < hardNegativeShare) {
      return renumber(negativesReady.poll());
    }
    if (cursor == sources.size()) {
      cursor = 0;
      round++;
    }
    Source source = sources.get(cursor++);
    String model = models.get(modelTurn++ % models.size());
    Planned request = new Planned(nextId++, Kind.NEW, model, systemMessage(seed, round), source.text());
    pending.put(request.id(), source);
    return request;
  }

  private Planned renumber(Planned ready) {
    return new Planned(nextId++, ready.kind(), ready.model(), ready.system(), ready.text());
  }

  /**
   * The system message of a round. It names the workload's seed too: the warm-up and the measured phases send the
   * same prompts in other orders, and a measured phase's "new" prompt must not be answered from an entry the
   * warm-up stored (that hit would be right, but it is not a hit on a new prompt).
   */
  static String systemMessage(long seed, int round) {
    return "You are a helpful assistant. Answer clearly and concisely. (workload " + seed + ", round " + (round + 1)
        + ")";
  }
}
