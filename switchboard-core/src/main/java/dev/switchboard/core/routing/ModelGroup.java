package dev.switchboard.core.routing;

import dev.switchboard.core.config.ModelGroupConfig;
import java.util.List;

/** A public model name and its deployments, resolved against the providers. */
public record ModelGroup(ModelGroupConfig config, List<Deployment> deployments) {
  public String name() {
    return config.name();
  }

  public String strategy() {
    return config.strategy();
  }
}
