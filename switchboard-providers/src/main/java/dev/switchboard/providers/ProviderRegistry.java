package dev.switchboard.providers;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.providers.azure.AzureProviderFactory;
import dev.switchboard.providers.cohere.CohereProviderFactory;
import dev.switchboard.providers.gemini.GeminiProviderFactory;
import dev.switchboard.providers.openai.OpenAiCompatibleCatalog;
import dev.switchboard.providers.openai.OpenAiCompatibleProviderFactory;
import dev.switchboard.providers.anthropic.AnthropicProviderFactory;
import dev.switchboard.providers.bedrock.BedrockProviderFactory;
import dev.switchboard.providers.openai.OpenAiProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Every provider type Switchboard can call. Adding a native provider is one line here. */
public final class ProviderRegistry {
  private final Map<String, ProviderFactory> factories = new TreeMap<>();

  private ProviderRegistry() {}

  public static ProviderRegistry builtIn() {
    ProviderRegistry registry = new ProviderRegistry();
    registry.register(new OpenAiProviderFactory());
    registry.register(new GeminiProviderFactory());
    registry.register(new CohereProviderFactory());
    registry.register(new AzureProviderFactory());
    for (OpenAiCompatibleCatalog.Entry entry : OpenAiCompatibleCatalog.load()) {
      registry.register(new OpenAiCompatibleProviderFactory(entry));
    }
    registry.register(new AnthropicProviderFactory());
    registry.register(new BedrockProviderFactory());
    return registry;
  }

  private void register(ProviderFactory factory) {
    if (factories.putIfAbsent(factory.type(), factory) != null) {
      throw new IllegalStateException("provider type registered twice: " + factory.type());
    }
  }

  public Set<String> types() {
    return factories.keySet();
  }

  public List<String> validate(List<ProviderConfig> providers) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < providers.size(); i++) {
      ProviderConfig provider = providers.get(i);
      ProviderFactory factory = factories.get(provider.type());
      if (factory != null) {
        problems.addAll(factory.validate("providers[" + i + "]", provider));
      }
    }
    return problems;
  }

  public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
    ProviderFactory factory = factories.get(config.type());
    if (factory == null) {
      throw new IllegalArgumentException("unknown provider type '" + config.type() + "'");
    }
    return factory.create(config, context);
  }
}
