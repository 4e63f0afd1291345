package dev.switchboard.core.config;

import java.util.List;

/** One place a model group can be served from: a provider and the model name it knows it by. */
public record DeploymentConfig(
    String id,
    String provider,
    String model,
    Integer weight,
    Integer priority,
    Integer contextWindow,
    List<String> tags,
    Long rpm,
    Long tpm) {

  public DeploymentConfig {
    weight = weight == null ? 1 : weight;
    priority = priority == null ? 0 : priority;
    tags = tags == null ? List.of() : List.copyOf(tags);
    if (id == null && provider != null && model != null) {
      id = provider + "/" + model;
    }
  }

  /** Whether this deployment forwards the requested model name unchanged ({@code model: "*"}). */
  public boolean passesModelThrough() {
    return "*".equals(model);
  }
}
