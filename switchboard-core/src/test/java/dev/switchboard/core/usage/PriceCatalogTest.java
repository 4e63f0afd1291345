package dev.switchboard.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ObservabilityConfig.LongContextPriceConfig;
import dev.switchboard.core.config.ObservabilityConfig.PriceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {
  private final PriceCatalog catalog = PriceCatalog.load(List.of());

  @Test
  void bundledCatalogue_everyBuiltInProvider_hasPricesWithSourceAndDate() {
    JsonNode providers = catalog.toJson().path("providers");
    for (String type : List.of("openai", "azure", "anthropic", "gemini", "bedrock", "cohere", "groq", "mistral",
        "deepseek", "together", "fireworks", "xai")) {
      assertThat(providers.path(type).size()).as(type).isGreaterThan(0);
      providers.path(type).fields().forEachRemaining(model -> {
        assertThat(model.getValue().path("source").asText()).as(type + "/" + model.getKey()).startsWith("https://");
        assertThat(model.getValue().path("as_of").asText()).as(type + "/" + model.getKey())
            .matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(model.getValue().path("checked").asText()).as(type + "/" + model.getKey())
            .matches("unverified.*|\\d{4}-\\d{2}-\\d{2} (official|secondary: https://\\S+).*");
      });
    }
  }

  @Test
  void bundledCatalogue_anthropicPricesMatchTheOfficialPage_andSayHowTheyWereChecked() {
    ModelPrice haiku = catalog.find("anthropic", "claude-haiku-4-5-20251001");
    assertThat(haiku.input()).isEqualTo(1.00);
    assertThat(haiku.cacheWrite()).isEqualTo(1.25);
    assertThat(haiku.cachedInput()).isEqualTo(0.10);
    assertThat(haiku.output()).isEqualTo(5.00);
    assertThat(haiku.checked()).isEqualTo("2026-11-25 official");
    ModelPrice opus = catalog.find("anthropic", "claude-opus-4-5");
    assertThat(opus.input()).isEqualTo(5.00);
    assertThat(opus.output()).isEqualTo(25.00);
    assertThat(catalog.find("anthropic", "claude-3-5-sonnet-20241022").checked()).startsWith("unverified");
    assertThat(catalog.find("cohere", "command-a-03-2025").checked()).isEqualTo("unverified");
  }

  @Test
  void find_datedAndVersionedNames_resolveToTheFamilyPrice() {
    assertThat(catalog.find("anthropic", "claude-3-5-sonnet-20241022").input()).isEqualTo(3.00);
    assertThat(catalog.find("openai", "gpt-4o-2024-08-06").output()).isEqualTo(10.00);
    assertThat(catalog.find("openai", "gpt-4o-2024-05-13").input()).isEqualTo(5.00);
    assertThat(catalog.find("gemini", "models/gemini-1.5-pro-002").output()).isEqualTo(5.00);
    assertThat(catalog.find("mistral", "mistral-large-latest").input()).isEqualTo(0.50);
    assertThat(catalog.find("mistral", "mistral-large-2411").input()).isEqualTo(2.00);
    assertThat(catalog.find("bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0").output()).isEqualTo(4.00);
  }

  @Test
  void find_unknownProviderType_searchesEveryTable() {
    assertThat(catalog.find("my-openai-compatible", "gpt-4o-mini").input()).isEqualTo(0.15);
    assertThat(catalog.find(null, "deepseek-chat").cachedInput()).isEqualTo(0.028);
    assertThat(catalog.find("openai", "no-such-model")).isNull();
  }

  @Test
  void configuredOverride_replacesBundledPrice_andKeepsItsSource() {
    PriceCatalog overridden = PriceCatalog.load(List.of(new PriceConfig("openai", "gpt-4o", 1.0, 2.0, null, null,
        null, new LongContextPriceConfig(1000L, 3.0, 4.0, null, null), "contract 2026", "2026-01-01")));
    ModelPrice price = overridden.find("openai", "gpt-4o");
    assertThat(price.input()).isEqualTo(1.0);
    assertThat(price.cachedInput()).isEqualTo(1.0);
    assertThat(price.longContext().output()).isEqualTo(4.0);
    assertThat(price.source()).isEqualTo("contract 2026");
    assertThat(overridden.find("openai", "gpt-4o-mini").input()).isEqualTo(0.15);
  }

  @Test
  void configuredOverride_withoutOutput_failsWithFieldPath() {
    assertThatThrownBy(() -> PriceCatalog.load(List.of(new PriceConfig(null, "x", 1.0, null, null, null, null, null,
        null, null)))).hasMessageContaining("observability.prices[0]").hasMessageContaining("'output'");
  }

  @Test
  void runtimeOverride_takesEffectAndCanBeRemoved() throws Exception {
    assertThat(catalog.find("groq", "llama-3.3-70b-versatile").input()).isEqualTo(0.59);
    catalog.override("groq", "llama-3.3-70b-versatile",
        PriceCatalog.parseOverride(Json.parse("{\"input\":0.5,\"output\":0.6}")));
    assertThat(catalog.find("groq", "llama-3.3-70b-versatile").input()).isEqualTo(0.5);
    assertThat(catalog.find("groq", "llama-3.3-70b-versatile").source()).isEqualTo("admin api");
    assertThat(catalog.removeOverride("groq", "llama-3.3-70b-versatile")).isTrue();
    assertThat(catalog.find("groq", "llama-3.3-70b-versatile").input()).isEqualTo(0.59);
  }

  @Test
  void runtimeOverride_forAnyProvider_pricesAnUnknownModel() {
    catalog.override(null, "house-model", new ModelPrice(1, 2, 1, 1, 2, null, "admin api", ""));
    assertThat(catalog.find("vllm", "house-model").output()).isEqualTo(2);
  }
}
