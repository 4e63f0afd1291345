package dev.switchboard.providers.openai;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.providers.http.UpstreamHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Type {@code openai}: OpenAI itself, or any OpenAI-compatible server given its {@code base_url}. */
public final class OpenAiProviderFactory implements ProviderFactory {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  @Override
  public String type() {
    return "openai";
  }

  @Override
  public List<String> validate(String path, ProviderConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.keys().isEmpty() && config.baseUrl() == null) {
      problems.add(path + ".api_key: is required for OpenAI (or set base_url for a local server)");
    }
    return problems;
  }

  @Override
  public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : DEFAULT_BASE_URL;
    UpstreamHttp http = UpstreamHttp.forProvider(config, context);
    boolean streamUsage = Boolean.parseBoolean(config.option("stream_usage", "true"));
    return new OpenAiAdapter(config, context, http, new OpenAiChatTranslator(streamUsage, Set.of()), baseUrl);
  }
}
