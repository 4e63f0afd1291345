package dev.switchboard.providers.anthropic;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.providers.http.UpstreamHttp;
import dev.switchboard.providers.shared.ParameterPolicy;
import dev.switchboard.providers.shared.ParameterPolicy.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Type {@code anthropic}. Options: {@code anthropic_version} (default {@value #DEFAULT_VERSION}) and
 * {@code default_max_tokens} (sent when the client gives none; default 4096). Extra {@code headers} (for example
 * {@code anthropic-beta}) are sent as configured.
 */
public final class AnthropicProviderFactory implements ProviderFactory {
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  public static final String DEFAULT_VERSION = "2023-06-01";
  /**
   * Hints without an Anthropic counterpart are dropped with a warning; other parameters Anthropic cannot honour
   * are rejected by {@link AnthropicChatTranslator} with a 400 naming them. Options {@code drop_parameters},
   * {@code reject_parameters} and {@code pass_parameters} adjust this per provider.
   */
  public static final Map<String, Action> PARAMETERS = Map.of(
      "seed", Action.DROP,
      "store", Action.DROP,
      "metadata", Action.DROP,
      "service_tier", Action.DROP,
      "web_search_options", Action.REJECT);

  @Override
  public String type() {
    return "anthropic";
  }

  @Override
  public List<String> validate(String path, ProviderConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.keys().isEmpty()) {
      problems.add(path + ".api_key: is required for Anthropic");
    }
    String maxTokens = config.option("default_max_tokens", null);
    if (maxTokens != null && parsePositive(maxTokens) < 0) {
      problems.add(path + ".options.default_max_tokens: must be a positive integer, got '" + maxTokens + "'");
    }
    return problems;
  }

  @Override
  public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : DEFAULT_BASE_URL;
    UpstreamHttp http = UpstreamHttp.forProvider(config, context);
    int maxTokens = parsePositive(config.option("default_max_tokens",
        Integer.toString(AnthropicChatTranslator.DEFAULT_MAX_TOKENS)));
    return new AnthropicAdapter(config, context, http,
        new AnthropicChatTranslator(maxTokens > 0 ? maxTokens : AnthropicChatTranslator.DEFAULT_MAX_TOKENS),
        baseUrl, config.option("anthropic_version", DEFAULT_VERSION),
        ParameterPolicy.of(config.name(), PARAMETERS).withOverrides(config.options()));
  }

  private static int parsePositive(String text) {
    try {
      int value = Integer.parseInt(text.trim());
      return value > 0 ? value : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
