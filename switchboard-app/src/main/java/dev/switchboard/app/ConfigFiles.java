package dev.switchboard.app;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Loads the gateway configuration: a file, or the embedded defaults built from the environment. */
final class ConfigFiles {
  private ConfigFiles() {}

  static GatewayConfig load(Path file, Function<String, String> environment) {
    ConfigLoader loader = new ConfigLoader(ProviderRegistry.builtIn().types(), environment);
    if (file != null) {
      return loader.load(file);
    }
    return loader.parse(DefaultConfiguration.yaml(environment));
  }

  static Function<String, String> environmentWith(Map<String, String> overrides) {
    return name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name);
  }
}
