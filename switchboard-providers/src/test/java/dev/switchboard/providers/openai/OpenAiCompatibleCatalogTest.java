package dev.switchboard.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.providers.ProviderRegistry;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleCatalogTest {
  private final List<OpenAiCompatibleCatalog.Entry> entries = OpenAiCompatibleCatalog.load();

  @Test
  void catalogue_loaded_hasAtLeastTwentyUniqueProvidersWithUsableUrls() {
    assertThat(entries).hasSizeGreaterThanOrEqualTo(20);
    Set<String> types = new HashSet<>();
    for (OpenAiCompatibleCatalog.Entry entry : entries) {
      assertThat(types.add(entry.type())).as("duplicate type %s", entry.type()).isTrue();
      URI url = URI.create(entry.baseUrl());
      assertThat(url.getScheme()).as(entry.type()).isIn("https", "http");
      assertThat(url.getScheme().equals("http")).as("%s uses plain HTTP", entry.type())
          .isEqualTo(url.getHost().equals("127.0.0.1"));
      assertThat(entry.displayName()).isNotBlank();
    }
    assertThat(types).contains("groq", "mistral", "deepseek", "together", "fireworks", "openrouter", "xai",
        "perplexity", "cerebras", "deepinfra", "sambanova", "nebius", "hyperbolic", "novita", "moonshot", "qwen",
        "ollama", "vllm", "lmstudio", "llamacpp");
  }

  @Test
  void registry_builtIn_registersEveryCatalogueEntryAndNativeProvider() {
    ProviderRegistry registry = ProviderRegistry.builtIn();
    for (OpenAiCompatibleCatalog.Entry entry : entries) {
      assertThat(registry.types()).contains(entry.type());
    }
    assertThat(registry.types()).contains("openai", "gemini", "cohere", "azure");
  }

  @Test
  void localServer_withoutKey_validates_butHostedProviderNeedsKey() {
    ProviderRegistry registry = ProviderRegistry.builtIn();
    ProviderConfig ollama = new ProviderConfig("local", "ollama", null, null, null, null, null, null, null);
    ProviderConfig groq = new ProviderConfig("fast", "groq", null, null, null, null, null, null, null);
    assertThat(registry.validate(List.of(ollama, groq)))
        .containsExactly("providers[1].api_key: is required for Groq");
  }

  @Test
  void catalogueEntry_withoutEmbeddings_createsChatOnlyAdapter() {
    ProviderRegistry registry = ProviderRegistry.builtIn();
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      dev.switchboard.core.spi.ProviderContext context = new dev.switchboard.core.spi.ProviderContext(vertx,
          dev.switchboard.core.time.Clock.system());
      var groq = registry.create(new ProviderConfig("g", "groq", null, "k", null, null, null, null, 1), context);
      var mistral = registry.create(new ProviderConfig("m", "mistral", null, "k", null, null, null, null, 1),
          context);
      assertThat(groq).isNotInstanceOf(dev.switchboard.core.spi.EmbeddingsCapability.class);
      assertThat(mistral).isInstanceOf(dev.switchboard.core.spi.EmbeddingsCapability.class);
      groq.close();
      mistral.close();
    } finally {
      vertx.close();
    }
  }

  @Test
  void perplexity_policy_rejectsTools() {
    OpenAiCompatibleCatalog.Entry perplexity = entries.stream().filter(e -> e.type().equals("perplexity"))
        .findFirst().orElseThrow();
    assertThat(perplexity.parameters()).containsEntry("tools",
        dev.switchboard.providers.shared.ParameterPolicy.Action.REJECT);
  }

  @Test
  void catalogue_withUnknownAuthStyle_isRefused() {
    assertThatThrownBy(() -> OpenAiCompatibleCatalog.parse(
        "{\"providers\":[{\"type\":\"x\",\"base_url\":\"https://x\",\"auth\":\"magic\"}]}"))
        .hasMessageContaining("bad auth");
    assertThat(OpenAiCompatibleCatalog.parse("{\"providers\":[{\"type\":\"x\",\"base_url\":\"https://x\","
        + "\"auth\":\"header:api-key\",\"parameters\":{\"user\":\"drop\"}}]}").get(0).authHeader())
        .isEqualTo("api-key");
  }
}
