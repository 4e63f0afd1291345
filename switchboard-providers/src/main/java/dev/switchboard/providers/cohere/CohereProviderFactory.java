package dev.switchboard.providers.cohere;

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

/** Type {@code cohere}: Cohere's v2 chat and embed API. */
public final class CohereProviderFactory implements ProviderFactory {
  public static final String DEFAULT_BASE_URL = "https://api.cohere.com";

  /** OpenAI parameters Cohere's v2 chat has no equivalent for. */
  public static final Map<String, Action> PARAMETERS = Map.ofEntries(
      Map.entry("n", Action.REJECT),
      Map.entry("logit_bias", Action.REJECT),
      Map.entry("logprobs", Action.REJECT),
      Map.entry("top_logprobs", Action.REJECT),
      Map.entry("modalities", Action.REJECT),
      Map.entry("audio", Action.REJECT),
      Map.entry("prediction", Action.REJECT),
      Map.entry("web_search_options", Action.REJECT),
      Map.entry("reasoning_effort", Action.DROP),
      Map.entry("parallel_tool_calls", Action.DROP),
      Map.entry("user", Action.DROP),
      Map.entry("store", Action.DROP),
      Map.entry("metadata", Action.DROP),
      Map.entry("service_tier", Action.DROP));

  @Override
  public String type() {
    return "cohere";
  }

  @Override
  public List<String> validate(String path, ProviderConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.keys().isEmpty()) {
      problems.add(path + ".api_key: is required for Cohere");
    }
    return problems;
  }

  @Override
  public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : DEFAULT_BASE_URL;
    UpstreamHttp http = UpstreamHttp.forProvider(config, context);
    return new CohereAdapter(config, context, http, baseUrl,
        ParameterPolicy.of(config.name(), PARAMETERS).withOverrides(config.options()));
  }
}
