package dev.switchboard.bench.seed;

import dev.switchboard.sim.LatencyProfile;
import java.util.List;

/**
 * A simulated provider of the seed experiment: its name, the model it serves, its latency distribution and the
 * protocol it speaks. {@code backupFor} names the provider it stands in for during failover (null if none).
 */
record SeedProvider(String name, String model, LatencyProfile latency, NativeProtocol protocol, String backupFor) {
  /** The providers, one line each; the backup serves the same model as the provider that fails over to it. */
  static List<SeedProvider> all() {
    return List.of(
        new SeedProvider("openai", "gpt-4o", LatencyProfile.GPT_4O, new OpenAiProtocol(), null),
        new SeedProvider("anthropic", "claude-3-5-sonnet", LatencyProfile.CLAUDE_3_5_SONNET,
            new AnthropicProtocol(), null),
        new SeedProvider("gemini", "gemini-1.5-pro", LatencyProfile.GEMINI_1_5_PRO, new GeminiProtocol(), null),
        new SeedProvider("openai-backup", "gpt-4o", LatencyProfile.GPT_4O, new OpenAiProtocol(), "openai"));
  }

  /** The primaries: the providers the direct client calls round-robin, one per model. */
  static List<SeedProvider> primaries() {
    return all().stream().filter(p -> p.backupFor() == null).toList();
  }

  static SeedProvider named(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no seed provider " + name));
  }
}
