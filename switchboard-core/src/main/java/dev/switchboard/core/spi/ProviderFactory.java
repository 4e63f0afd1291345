package dev.switchboard.core.spi;

import dev.switchboard.core.config.ProviderConfig;

/** Creates adapters for one provider type. Called once per event loop, so adapters need not be thread-safe. */
public interface ProviderFactory {
  String type();

  /** Checks provider-specific settings; returns problems prefixed with {@code path}. */
  default java.util.List<String> validate(String path, ProviderConfig config) {
    return java.util.List.of();
  }

  ProviderAdapter create(ProviderConfig config, ProviderContext context);
}
