package dev.switchboard.providers.azure;

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
 * Type {@code azure}: Azure OpenAI. {@code base_url} is the resource endpoint
 * ({@code https://<resource>.openai.azure.com}); options {@code api_version} (default {@value #DEFAULT_API_VERSION})
 * and {@code auth} ({@code api_key}, the default, or {@code entra}).
 */
public final class AzureProviderFactory implements ProviderFactory {
  public static final String DEFAULT_API_VERSION = "2024-10-21";

  /** OpenAI parameters the Azure GA API version does not take. */
  public static final Map<String, Action> PARAMETERS = Map.of(
      "store", Action.DROP,
      "metadata", Action.DROP,
      "service_tier", Action.DROP,
      "prediction", Action.REJECT,
      "modalities", Action.REJECT,
      "audio", Action.REJECT,
      "web_search_options", Action.REJECT);

  @Override
  public String type() {
    return "azure";
  }

  @Override
  public List<String> validate(String path, ProviderConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.baseUrl() == null) {
      problems.add(path + ".base_url: is required for Azure OpenAI (https://<resource>.openai.azure.com)");
    }
    if (config.keys().isEmpty()) {
      problems.add(path + ".api_key: is required for Azure OpenAI (an API key, or an Entra token with auth: entra)");
    }
    String auth = config.option("auth", "api_key");
    if (!auth.equals("api_key") && !auth.equals("entra")) {
      problems.add(path + ".options.auth: must be api_key or entra, not '" + auth + "'");
    }
    return problems;
  }

  @Override
  public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
    UpstreamHttp http = UpstreamHttp.forProvider(config, context);
    return new AzureAdapter(config, context, http, config.baseUrl(),
        config.option("api_version", DEFAULT_API_VERSION), "entra".equals(config.option("auth", "api_key")),
        ParameterPolicy.of(config.name(), PARAMETERS).withOverrides(config.options()));
  }
}
