package dev.switchboard.core.routing;

import dev.switchboard.core.config.DeploymentConfig;
import dev.switchboard.core.config.ProviderConfig;

/** A deployment with its provider resolved. */
public record Deployment(DeploymentConfig config, ProviderConfig provider) {
  public String id() {
    return config.id();
  }

  public String providerName() {
    return provider.name();
  }

  /** The model name to send upstream for a client that asked for {@code requested}. */
  public String upstreamModel(String requested) {
    if (!config.passesModelThrough()) {
      return config.model();
    }
    int slash = requested.indexOf('/');
    String prefix = provider.name() + "/";
    return requested.startsWith(prefix) && slash >= 0 ? requested.substring(prefix.length()) : requested;
  }
}
