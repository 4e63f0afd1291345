package dev.switchboard.core.config;

import java.util.List;

/**
 * One place a model group can be served from: a provider and the model name it knows it by, with what routing
 * needs to choose between deployments: weight and priority, prices in USD per million tokens, context window,
 * tags, and quotas (requests and tokens per minute, USD per day). {@code probe} turns active health probes on or
 * off for this deployment, overriding {@code routing.probe.enabled}.
 */
public record DeploymentConfig(
    String id,
    String provider,
    String model,
    Integer weight,
    Integer priority,
    Integer contextWindow,
    List<String> tags,
    Long rpm,
    Long tpm,
    Double inputCostPerMillion,
    Double outputCostPerMillion,
    Double dailyBudgetUsd,
    Boolean probe) {

  public DeploymentConfig {
    weight = weight == null ? 1 : weight;
    priority = priority == null ? 0 : priority;
    tags = tags == null ? List.of() : List.copyOf(tags);
    if (id == null && provider != null && model != null) {
      id = provider + "/" + model;
    }
  }

  public DeploymentConfig(String id, String provider, String model, Integer weight, Integer priority,
      Integer contextWindow, List<String> tags, Long rpm, Long tpm) {
    this(id, provider, model, weight, priority, contextWindow, tags, rpm, tpm, null, null, null, null);
  }

  public DeploymentConfig(String id, String provider, String model, Integer weight, Integer priority,
      Integer contextWindow, List<String> tags, Long rpm, Long tpm, Double inputCostPerMillion,
      Double outputCostPerMillion, Double dailyBudgetUsd) {
    this(id, provider, model, weight, priority, contextWindow, tags, rpm, tpm, inputCostPerMillion,
        outputCostPerMillion, dailyBudgetUsd, null);
  }

  /** Whether this deployment forwards the requested model name unchanged ({@code model: "*"}). */
  public boolean passesModelThrough() {
    return "*".equals(model);
  }
}
