package dev.switchboard.sim;

import dev.switchboard.sim.azure.AzureSimDialect;
import dev.switchboard.sim.cohere.CohereSimDialect;
import dev.switchboard.sim.gemini.GeminiSimDialect;
import dev.switchboard.sim.anthropic.AnthropicSimDialect;
import dev.switchboard.sim.bedrock.BedrockSimDialect;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated providers that {@code switchboard sim} and the demo start: one per native protocol, named after
 * the provider, plus a second OpenAI-compatible one for failover. One line per provider.
 */
public final class SimulatorCatalog {
  private SimulatorCatalog() {}

  /** The default set with latency profiles multiplied by {@code latencyScale} (1 = realistic, 0 = instant). */
  public static List<SimulatedProvider> defaults(long seed, double latencyScale) {
    List<SimulatedProvider> providers = new ArrayList<>();
    providers.add(new SimulatedProvider("openai", new OpenAiSimDialect(), scale(LatencyProfile.GPT_4O,
        latencyScale), seed, null));
    providers.add(new SimulatedProvider("openai-backup", new OpenAiSimDialect(), scale(LatencyProfile.GPT_4O,
        latencyScale), seed, null));
    providers.add(new SimulatedProvider("gemini", new GeminiSimDialect(), scale(LatencyProfile.GEMINI_1_5_PRO,
        latencyScale), seed, null));
    providers.add(new SimulatedProvider("cohere", new CohereSimDialect(), scale(LatencyProfile.COMMAND_R_PLUS,
        latencyScale), seed, null));
    providers.add(new SimulatedProvider("azure", new AzureSimDialect(), scale(LatencyProfile.GPT_4O,
        latencyScale), seed, null));
    providers.add(new SimulatedProvider("anthropic", new AnthropicSimDialect(), scale(
        LatencyProfile.CLAUDE_3_5_SONNET, latencyScale), seed, null));
    providers.add(new SimulatedProvider("bedrock", new BedrockSimDialect(), scale(LatencyProfile.CLAUDE_3_5_SONNET,
        latencyScale), seed, null));
    return providers;
  }

  private static LatencyProfile scale(LatencyProfile profile, double factor) {
    return factor <= 0 ? LatencyProfile.INSTANT : profile.scaled(factor);
  }
}
