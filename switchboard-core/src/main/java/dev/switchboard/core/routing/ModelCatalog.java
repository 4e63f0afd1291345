package dev.switchboard.core.routing;

import dev.switchboard.core.config.DeploymentConfig;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.ModelGroupConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves requested model names to model groups: exact names first, then the longest wildcard prefix. */
public final class ModelCatalog {
  private final Map<String, ModelGroup> exact = new HashMap<>();
  private final List<ModelGroup> wildcards = new ArrayList<>();
  private final List<ModelGroup> all = new ArrayList<>();

  public ModelCatalog(GatewayConfig config) {
    for (ModelGroupConfig groupConfig : config.models()) {
      List<Deployment> deployments = new ArrayList<>();
      for (DeploymentConfig d : groupConfig.deployments()) {
        deployments.add(new Deployment(d, config.provider(d.provider()).orElseThrow()));
      }
      ModelGroup group = new ModelGroup(groupConfig, List.copyOf(deployments));
      all.add(group);
      if (groupConfig.isWildcard()) {
        wildcards.add(group);
      } else {
        exact.put(groupConfig.name(), group);
      }
    }
    wildcards.sort(Comparator.comparingInt((ModelGroup g) -> g.name().length()).reversed());
  }

  public Optional<ModelGroup> resolve(String model) {
    ModelGroup group = exact.get(model);
    if (group != null) {
      return Optional.of(group);
    }
    for (ModelGroup wildcard : wildcards) {
      String name = wildcard.name();
      if (model.startsWith(name.substring(0, name.length() - 1)) && model.length() >= name.length()) {
        return Optional.of(wildcard);
      }
    }
    return Optional.empty();
  }

  public Optional<ModelGroup> byName(String name) {
    ModelGroup group = exact.get(name);
    if (group != null) {
      return Optional.of(group);
    }
    return all.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /** Every group, in configuration order (wildcards included). */
  public List<ModelGroup> groups() {
    return all;
  }
}
