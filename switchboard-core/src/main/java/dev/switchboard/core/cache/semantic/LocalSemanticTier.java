package dev.switchboard.core.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.api.Json;
import dev.switchboard.core.cache.SemanticTier;
import dev.switchboard.core.cache.semantic.PromptGuards.Checks;
import dev.switchboard.core.config.SemanticCacheConfig;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The semantic tier of one node. A look-up goes through stages, each far cheaper than the next, and stops at the
 * first that rules a match out:
 * <ol>
 *   <li>eligibility (temperature, tools, n, prompt length) and the context partition: no cached prompt with the
 *   same context means no work at all;</li>
 *   <li>the lexical gate: some cached prompt of the context must share enough content-word stems;</li>
 *   <li>on a worker thread, never the event loop: the embedding (memoised), the cosine against the gate's
 *   candidates, and the guards (numbers, negation, entities and their order, relation words).</li>
 * </ol>
 * Stored prompts are embedded on the worker pool too, and published to the other nodes when a
 * {@link SemanticStream} is attached.
 */
public final class LocalSemanticTier implements SemanticTier {
  /** The least share of stems a candidate must have in common with the query. */
  static final double MIN_OVERLAP = 0.5;
  static final int MAX_CANDIDATES = 32;
  /**
   * The most postings the lexical gate counts on the event loop (a few tens of microseconds); a look-up whose query
   * words have more runs entirely on a worker.
   */
  static final int EVENT_LOOP_POSTINGS = 2_000;

  private final SemanticCacheConfig config;
  private final Embedder embedder;
  private final Clock clock;
  private final WorkerExecutor workers;
  private final SemanticIndex index;
  private final Checks checks;
  private final Cache<String, float[]> vectors = Caffeine.newBuilder().maximumSize(10_000).build();
  private volatile SemanticStream stream;
  private final LongAdder lookups = new LongAdder();
  private final LongAdder noContext = new LongAdder();
  private final LongAdder gated = new LongAdder();
  private final LongAdder embedded = new LongAdder();
  private final LongAdder matches = new LongAdder();
  private final LongAdder guardRejections = new LongAdder();

  public LocalSemanticTier(SemanticCacheConfig config, Embedder embedder, Vertx vertx, Clock clock) {
    this.config = config;
    this.embedder = embedder;
    this.clock = clock;
    this.workers = vertx.createSharedWorkerExecutor("switchboard-cache-embed", Math.max(1, config.workers()));
    this.index = new SemanticIndex(config.maxEntries());
    this.checks = config.guards() ? Checks.ALL : Checks.NONE;
  }

  /** Shares this node's prompts with the other nodes (and indexes theirs). */
  public void attach(SemanticStream shared) {
    this.stream = shared;
  }

  SemanticIndex index() {
    return index;
  }

  @Override
  public boolean eligible(ObjectNode body, boolean optedIn) {
    if (!config.enabled()) {
      return false;
    }
    JsonNode tools = body.get("tools");
    if (tools != null && tools.isArray() && !tools.isEmpty() && !config.allowTools()) {
      return false;
    }
    if (body.path("n").asInt(1) > 1) {
      return false;
    }
    JsonNode temperature = body.get("temperature");
    double t = temperature != null && temperature.isNumber() ? temperature.doubleValue() : 1.0;
    return optedIn || t <= config.maxTemperature();
  }

  @Override
  public Future<Match> find(String contextHash, String prompt) {
    lookups.increment();
    if (prompt.length() > config.maxPromptChars() || !index.hasContext(contextHash)) {
      noContext.increment();
      return Future.succeededFuture(null);
    }
    PromptFeatures features = PromptFeatures.of(prompt);
    Set<String> stems = LexicalGate.stems(features);
    if (index.postings(contextHash, stems) > EVENT_LOOP_POSTINGS) {
      // Long posting lists (a large context, common words): counting them is left to a worker as well.
      return workers.<Match>executeBlocking(() -> search(contextHash, prompt, features, stems), false)
          .otherwise((Match) null);
    }
    List<SemanticIndex.Candidate> candidates = index.candidates(contextHash, stems, MIN_OVERLAP,
        clock.epochMillis(), MAX_CANDIDATES);
    if (candidates.isEmpty()) {
      gated.increment();
      return Future.succeededFuture(null);
    }
    List<SemanticIndex.Entry> guarded = guarded(features, candidates);
    if (guarded.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return workers.<Match>executeBlocking(() -> best(prompt, guarded), false)
        .otherwise((Match) null);
  }

  /**
   * The candidates that pass every guard. The guards are necessary conditions of a match and cost microseconds,
   * so they run before the embedding: a look-up whose candidates all fail them (word swaps, other numbers or
   * entities, negations) never embeds anything.
   */
  private List<SemanticIndex.Entry> guarded(PromptFeatures features, List<SemanticIndex.Candidate> candidates) {
    List<SemanticIndex.Entry> passed = new java.util.ArrayList<>(candidates.size());
    for (SemanticIndex.Candidate candidate : candidates) {
      if (PromptGuards.rejection(features, candidate.entry().features(), checks) == null) {
        passed.add(candidate.entry());
      }
    }
    if (passed.isEmpty()) {
      guardRejections.increment();
    }
    return passed;
  }

  /** On a worker: embeds the query (and any candidate not embedded yet) and keeps the most similar above the threshold. */
  private Match best(String prompt, List<SemanticIndex.Entry> candidates) {
    float[] query = embed(prompt);
    Match best = null;
    for (SemanticIndex.Entry entry : candidates) {
      float[] vector = entry.vector();
      if (vector == null) {
        vector = embed(entry.prompt());
        entry.vector(vector);
      }
      double similarity = Vectors.dot(query, vector);
      if (similarity < config.threshold() || best != null && similarity <= best.similarity()) {
        continue;
      }
      best = new Match(entry.key(), similarity);
    }
    if (best != null) {
      matches.increment();
    }
    return best;
  }

  @Override
  public void remember(String contextHash, String prompt, String exactKey, long ttlSeconds) {
    if (prompt.length() > config.maxPromptChars()) {
      return;
    }
    long expiresAt = clock.epochMillis() + ttlSeconds * 1000;
    // No embedding here: a stored prompt is embedded only if it ever becomes a candidate that passed the guards.
    add(contextHash, exactKey, prompt, vectors.getIfPresent(prompt), expiresAt);
    SemanticStream shared = stream;
    if (shared != null) {
      shared.publish(contextHash, exactKey, prompt, expiresAt);
    }
  }

  /**
   * The whole look-up, synchronously, on the calling thread (which must not be an event loop): for workers and
   * benchmarks.
   */
  public Match findNow(String contextHash, String prompt) {
    lookups.increment();
    if (prompt.length() > config.maxPromptChars() || !index.hasContext(contextHash)) {
      noContext.increment();
      return null;
    }
    PromptFeatures features = PromptFeatures.of(prompt);
    return search(contextHash, prompt, features, LexicalGate.stems(features));
  }

  /** Gate, guards and, if a candidate passes them, the embedding: on the calling thread. */
  private Match search(String contextHash, String prompt, PromptFeatures features, Set<String> stems) {
    List<SemanticIndex.Candidate> candidates = index.candidates(contextHash, stems, MIN_OVERLAP,
        clock.epochMillis(), MAX_CANDIDATES);
    if (candidates.isEmpty()) {
      gated.increment();
      return null;
    }
    List<SemanticIndex.Entry> guarded = guarded(features, candidates);
    return guarded.isEmpty() ? null : best(prompt, guarded);
  }

  /** Indexes a prompt with a known vector (unit length, the embedder's dimension), for tests and benchmarks. */
  public void index(String contextHash, String exactKey, String prompt, float[] vector, long expiresAtMillis) {
    add(contextHash, exactKey, prompt, vector, expiresAtMillis);
  }

  /** Indexes a prompt, with its vector when it is known (from this node or another), else null. */
  void add(String contextHash, String exactKey, String prompt, float[] vector, long expiresAtMillis) {
    if (expiresAtMillis <= clock.epochMillis()) {
      return;
    }
    PromptFeatures features = PromptFeatures.of(prompt);
    index.add(contextHash, new SemanticIndex.Entry(exactKey, prompt, features, LexicalGate.stems(features), vector,
        expiresAtMillis));
  }

  private float[] embed(String prompt) {
    float[] vector = vectors.getIfPresent(prompt);
    if (vector == null) {
      vector = embedder.embed(prompt);
      embedded.increment();
      vectors.put(prompt, vector);
    }
    return vector;
  }

  @Override
  public ObjectNode statsJson() {
    ObjectNode json = Json.object();
    json.put("enabled", config.enabled());
    json.put("threshold", config.threshold());
    json.put("entries", index.size());
    json.put("contexts", index.contexts());
    json.put("lookups", lookups.sum());
    json.put("skipped_no_context", noContext.sum());
    json.put("skipped_lexical_gate", gated.sum());
    json.put("embeddings", embedded.sum());
    json.put("matches", matches.sum());
    json.put("guard_rejections", guardRejections.sum());
    return json;
  }

  public void close() {
    workers.close();
  }
}
