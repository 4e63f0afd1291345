package dev.switchboard.core.config;

import java.util.List;

/** Client authentication: keys from the file; virtual keys come from the key store. */
public record AuthConfig(List<StaticKeyConfig> keys) {
  public AuthConfig {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  public static AuthConfig defaults() {
    return new AuthConfig(null);
  }
}
