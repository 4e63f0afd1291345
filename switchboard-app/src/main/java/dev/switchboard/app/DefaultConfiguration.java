package dev.switchboard.app;

import java.util.function.Function;

/**
 * The embedded defaults used when no configuration file is given: for each provider whose key is in the
 * environment, a provider and a wildcard model group ({@code openai/*}, ...); client keys from
 * {@code SWITCHBOARD_API_KEYS} (comma-separated).
 */
final class DefaultConfiguration {
  private DefaultConfiguration() {}

  static String yaml(Function<String, String> environment) {
    StringBuilder providers = new StringBuilder();
    StringBuilder models = new StringBuilder();
    addProvider(environment, providers, models, "openai", "openai", "OPENAI_API_KEY");
    StringBuilder yaml = new StringBuilder();
    yaml.append("server:\n  host: ${SWITCHBOARD_HOST:-127.0.0.1}\n  port: 8080\n");
    yaml.append("providers:").append(providers.length() == 0 ? " []\n" : "\n" + providers);
    yaml.append("models:").append(models.length() == 0 ? " []\n" : "\n" + models);
    String keys = environment.apply("SWITCHBOARD_API_KEYS");
    yaml.append("auth:\n  keys:");
    if (keys == null || keys.isBlank()) {
      yaml.append(" []\n");
    } else {
      yaml.append('\n');
      int index = 0;
      for (String key : keys.split(",")) {
        if (!key.isBlank()) {
          yaml.append("    - key: \"").append(key.trim().replace("\"", "")).append("\"\n");
          yaml.append("      name: env-key-").append(index++).append('\n');
        }
      }
    }
    return yaml.toString();
  }

  private static void addProvider(Function<String, String> environment, StringBuilder providers,
      StringBuilder models, String name, String type, String keyVariable) {
    String key = environment.apply(keyVariable);
    if (key == null || key.isBlank()) {
      return;
    }
    providers.append("  - name: ").append(name).append("\n    type: ").append(type)
        .append("\n    api_key: ${").append(keyVariable).append("}\n");
    models.append("  - name: \"").append(name).append("/*\"\n    deployments:\n      - provider: ")
        .append(name).append("\n        model: \"*\"\n");
  }
}
