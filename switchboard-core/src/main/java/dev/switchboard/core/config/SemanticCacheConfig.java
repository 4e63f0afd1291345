package dev.switchboard.core.config;

/**
 * The semantic tier: answers a request whose last user message means the same as a cached one, with every other
 * part of the request (system prompt, earlier turns, model, parameters, tenant) identical.
 *
 * @param enabled off by default: it must be asked for
 * @param threshold the cosine similarity (all-MiniLM-L6-v2) at or above which two prompts may match
 * @param maxTemperature only requests at or below this temperature are eligible (unless opted in by header)
 * @param allowTools whether requests with tools are eligible
 * @param guards whether the lexical guards (numbers, entities, negation, order) must also agree
 * @param maxEntries the most prompts indexed per node
 * @param maxPromptChars longer prompts are not eligible
 * @param workers threads that embed prompts (never the event loop)
 * @param stream the Redis stream through which nodes share semantic entries
 */
public record SemanticCacheConfig(Boolean enabled, Double threshold, Double maxTemperature, Boolean allowTools,
    Boolean guards, Integer maxEntries, Integer maxPromptChars, Integer workers, String stream) {
  public SemanticCacheConfig {
    enabled = enabled == null ? Boolean.FALSE : enabled;
    threshold = threshold == null ? 0.96 : threshold;
    maxTemperature = maxTemperature == null ? 0.3 : maxTemperature;
    allowTools = allowTools == null ? Boolean.FALSE : allowTools;
    guards = guards == null ? Boolean.TRUE : guards;
    maxEntries = maxEntries == null ? 100_000 : maxEntries;
    maxPromptChars = maxPromptChars == null ? 2000 : maxPromptChars;
    workers = workers == null ? 1 : workers;
    stream = stream == null || stream.isBlank() ? "sb:cache:semantic" : stream;
  }

  public static SemanticCacheConfig defaults() {
    return new SemanticCacheConfig(null, null, null, null, null, null, null, null, null);
  }

  public SemanticCacheConfig withEnabled(boolean on) {
    return new SemanticCacheConfig(on, threshold, maxTemperature, allowTools, guards, maxEntries, maxPromptChars,
        workers, stream);
  }

  public SemanticCacheConfig withThreshold(double value) {
    return new SemanticCacheConfig(enabled, value, maxTemperature, allowTools, guards, maxEntries, maxPromptChars,
        workers, stream);
  }
}
