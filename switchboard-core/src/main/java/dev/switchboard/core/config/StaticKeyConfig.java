package dev.switchboard.core.config;

import java.util.List;

/** A client key declared in the configuration file (small deployments; virtual keys live in the key store). */
public record StaticKeyConfig(String key, String name, String team, List<String> models) {
  public StaticKeyConfig {
    models = models == null ? List.of() : List.copyOf(models);
  }

  @Override
  public String toString() {
    return "StaticKeyConfig[name=" + name + ", team=" + team + ", models=" + models + "]";
  }
}
