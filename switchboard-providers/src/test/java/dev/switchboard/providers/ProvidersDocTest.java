package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.providers.openai.OpenAiCompatibleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/providers.md lists every native provider type and every catalogue entry. */
class ProvidersDocTest {
  @Test
  void providersDoc_listsEveryRegisteredTypeAndCatalogueEntry() throws Exception {
    String doc = Files.readString(Path.of("../docs/providers.md"));
    for (String type : java.util.List.of("openai", "gemini", "cohere", "azure", "anthropic", "bedrock")) {
      assertThat(doc).as("docs/providers.md mentions provider type %s", type).contains("| `" + type + "` |");
    }
    for (OpenAiCompatibleCatalog.Entry entry : OpenAiCompatibleCatalog.load()) {
      assertThat(doc).contains("| `" + entry.type() + "` |").contains("`" + entry.baseUrl() + "`");
      assertThat(ProviderRegistry.builtIn().types()).contains(entry.type());
    }
  }
}
