package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorCatalog;
import dev.switchboard.sim.bedrock.BedrockSimDialect;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockDemoConfigTest {
  @Test
  void demoConfig_loaded_validatesAndRoutesTheBedrockModelToTheBedrockSimulator() {
    ProviderRegistry registry = ProviderRegistry.builtIn();
    GatewayConfig config = new ConfigLoader(registry.types(), Map.of("SWITCHBOARD_SIM_URL", "http://127.0.0.1:9"))
        .load(Path.of("..", "config", "demo.yaml"));
    assertThat(registry.validate(config.providers())).isEmpty();
    ProviderConfig bedrock = config.providers().stream().filter(p -> p.type().equals("bedrock")).findFirst()
        .orElseThrow();
    assertThat(bedrock.baseUrl()).isEqualTo("http://127.0.0.1:9/bedrock");
    assertThat(bedrock.options()).containsEntry("access_key_id", BedrockSimDialect.TEST_ACCESS_KEY_ID)
        .containsEntry("secret_access_key", BedrockSimDialect.TEST_SECRET_ACCESS_KEY);
    assertThat(config.models()).anySatisfy(model -> assertThat(model.name()).isEqualTo("claude-3-5-sonnet-bedrock"));
    assertThat(SimulatorCatalog.defaults(1, 0).stream().map(SimulatedProvider::name)).contains("bedrock");
  }
}
