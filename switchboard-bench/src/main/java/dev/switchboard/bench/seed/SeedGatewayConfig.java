package dev.switchboard.bench.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The gateway configuration of the seed experiment: one provider per simulator, one model group per model (GPT-4o
 * failing over to a backup of the same model), upstream pools sized for the concurrency, the semantic cache tier
 * on, shipped defaults for everything else.
 */
final class SeedGatewayConfig {
  static final String CLIENT_KEY = "sk-switchboard-bench-seed";

  private SeedGatewayConfig() {}

  static String yaml(List<SeedProvider> providers, Function<String, String> rootOf, int concurrency,
      int firstByteTimeoutMs) {
    int poolSize = Math.max(64, concurrency / Math.max(1, providers.size() - 1) + 64);
    StringBuilder yaml = new StringBuilder();
    yaml.append("server:\n  host: 127.0.0.1\n  port: 0\n  http2_cleartext: true\n  timeouts:\n    connect_ms: 1000\n")
        .append("    first_byte_ms: ").append(firstByteTimeoutMs).append('\n')
        .append("    total_ms: 60000\n    stream_idle_ms: ").append(firstByteTimeoutMs).append('\n');
    yaml.append("providers:\n");
    for (SeedProvider provider : providers) {
      yaml.append("  - name: ").append(provider.name()).append('\n')
          .append("    type: ").append(provider.protocol().gatewayType()).append('\n')
          .append("    base_url: ").append(provider.protocol().gatewayBaseUrl(rootOf.apply(provider.name())))
          .append('\n')
          .append("    api_key: sk-sim-").append(provider.name()).append('\n')
          .append("    max_connections: ").append(poolSize).append('\n');
    }
    Map<String, List<SeedProvider>> byModel = new LinkedHashMap<>();
    for (SeedProvider provider : providers) {
      byModel.computeIfAbsent(provider.model(), m -> new java.util.ArrayList<>()).add(provider);
    }
    yaml.append("models:\n");
    byModel.forEach((model, serving) -> {
      yaml.append("  - name: ").append(model).append("\n    deployments:\n");
      for (SeedProvider provider : serving) {
        yaml.append("      - provider: ").append(provider.name()).append("\n        model: ").append(model)
            .append("\n        priority: ").append(provider.backupFor() == null ? 0 : 1).append('\n');
      }
    });
    // The experiment measures the two-tier cache, so the semantic tier (off by default) is on.
    yaml.append("cache:\n  semantic:\n    enabled: true\n");
    yaml.append("auth:\n  keys:\n    - key: ").append(CLIENT_KEY).append("\n      name: bench\n");
    return yaml.toString();
  }
}
