package dev.switchboard.core.config;

import java.util.List;
import java.util.Map;

/**
 * An upstream provider: its protocol {@code type} (openai, azure, anthropic, gemini, bedrock, cohere, or an
 * OpenAI-compatible catalogue entry such as groq), where it is, and the keys to call it with.
 */
public record ProviderConfig(
    String name,
    String type,
    String baseUrl,
    String apiKey,
    List<String> apiKeys,
    Map<String, String> headers,
    Map<String, String> options,
    TimeoutsConfig timeouts,
    Integer maxConnections) {

  public ProviderConfig {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    options = options == null ? Map.of() : Map.copyOf(options);
    maxConnections = maxConnections == null ? 512 : maxConnections;
  }

  /** Every configured key, {@code api_key} first. */
  public List<String> keys() {
    if (apiKey == null || apiKey.isEmpty()) {
      return apiKeys;
    }
    if (apiKeys.isEmpty()) {
      return List.of(apiKey);
    }
    java.util.ArrayList<String> all = new java.util.ArrayList<>(apiKeys.size() + 1);
    all.add(apiKey);
    all.addAll(apiKeys);
    return List.copyOf(all);
  }

  public String option(String key, String fallback) {
    String value = options.get(key);
    return value == null ? fallback : value;
  }

  /** A description safe to log: never includes keys or header values. */
  @Override
  public String toString() {
    return "ProviderConfig[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", keys="
        + keys().size() + "]";
  }
}
