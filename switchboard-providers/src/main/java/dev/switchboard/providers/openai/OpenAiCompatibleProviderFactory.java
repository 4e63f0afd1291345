package dev.switchboard.providers.openai;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.providers.http.UpstreamHttp;
import dev.switchboard.providers.shared.ParameterPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One OpenAI-compatible catalogue entry as a provider type: the OpenAI adapter at the entry's base URL (a
 * configured {@code base_url} wins), with its auth style and parameter policy. Provider options
 * {@code drop_parameters}, {@code reject_parameters} and {@code pass_parameters} adjust the policy.
 */
public final class OpenAiCompatibleProviderFactory implements ProviderFactory {
  private final OpenAiCompatibleCatalog.Entry entry;

  public OpenAiCompatibleProviderFactory(OpenAiCompatibleCatalog.Entry entry) {
    this.entry = entry;
  }

  @Override
  public String type() {
    return entry.type();
  }

  @Override
  public List<String> validate(String path, ProviderConfig config) {
    List<String> problems = new ArrayList<>();
    if (entry.keyRequired() && config.keys().isEmpty()) {
      problems.add(path + ".api_key: is required for " + entry.displayName());
    }
    try {
      ParameterPolicy.none(config.name()).withOverrides(config.options());
    } catch (IllegalArgumentException e) {
      problems.add(path + ".options: " + e.getMessage());
    }
    return problems;
  }

  @Override
  public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : entry.baseUrl();
    UpstreamHttp http = UpstreamHttp.forProvider(config, context);
    boolean streamUsage = Boolean.parseBoolean(config.option("stream_usage", "true"));
    ParameterPolicy policy = ParameterPolicy.of(config.name(), entry.parameters()).withOverrides(config.options());
    String authHeader = entry.authHeader() == null ? "authorization" : entry.authHeader();
    OpenAiAdapter adapter = new OpenAiAdapter(config, context, http,
        new OpenAiChatTranslator(streamUsage, Set.of()), baseUrl, authHeader, policy);
    return entry.embeddings() ? adapter : new ChatOnly(adapter);
  }

  /** A provider without an embeddings endpoint: routing then never sends it embeddings requests. */
  private static final class ChatOnly implements ProviderAdapter {
    private final OpenAiAdapter adapter;

    ChatOnly(OpenAiAdapter adapter) {
      this.adapter = adapter;
    }

    @Override
    public String name() {
      return adapter.name();
    }

    @Override
    public io.vertx.core.Future<dev.switchboard.core.spi.UpstreamResponse> chat(
        dev.switchboard.core.spi.UpstreamRequest request) {
      return adapter.chat(request);
    }

    @Override
    public void close() {
      adapter.close();
    }
  }
}
