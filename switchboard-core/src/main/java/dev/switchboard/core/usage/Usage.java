package dev.switchboard.core.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token usage in normalised form. {@code promptTokens} includes cached and cache-creation tokens (as OpenAI
 * counts them); {@code completionTokens} includes reasoning tokens. {@code estimated} is true when the provider
 * reported nothing and Switchboard counted.
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, long cacheCreationTokens,
    long reasoningTokens, boolean estimated) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  /** Reads an OpenAI {@code usage} object (including its details objects); null or missing gives null. */
  public static Usage fromOpenAi(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    long prompt = usage.path("prompt_tokens").asLong(0);
    long completion = usage.path("completion_tokens").asLong(0);
    long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    long cacheCreation = usage.path("prompt_tokens_details").path("cache_creation_tokens").asLong(0);
    long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
    return new Usage(prompt, completion, cached, cacheCreation, reasoning, false);
  }
}
