package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.providers.ProviderRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoConfigTest {
  @Test
  void demoConfig_loaded_bindsEveryNativeProviderAndValidates() {
    ProviderRegistry registry = ProviderRegistry.builtIn();
    GatewayConfig config = new ConfigLoader(registry.types(), Map.of()).load(Path.of("../config/demo.yaml"));
    assertThat(config.providers()).extracting(ProviderConfig::type).contains("gemini", "cohere", "azure");
    assertThat(registry.validate(config.providers())).isEmpty();
  }
}
