package dev.switchboard.core.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a bound configuration for semantic errors; each message names the field it concerns. */
final class ConfigValidator {
  private static final Set<String> STRATEGIES = Set.of("priority", "weighted", "least-busy", "latency",
      "cost", "quota", "round-robin");

  private final Set<String> knownProviderTypes;
  private final List<String> problems = new ArrayList<>();

  ConfigValidator(Set<String> knownProviderTypes) {
    this.knownProviderTypes = knownProviderTypes;
  }

  List<String> validate(GatewayConfig config) {
    validateServer(config.server());
    Set<String> providerNames = validateProviders(config.providers());
    validateModels(config.models(), providerNames);
    validateRouting(config.routing());
    validateKeys(config.auth());
    problems.addAll(GuardrailsValidation.problems(config.guardrails()));
    return problems;
  }

  private void validateServer(ServerConfig server) {
    checkPort("server.port", server.port(), true);
    if (server.adminPort() != null) {
      checkPort("server.admin_port", server.adminPort(), true);
    }
    if (server.maxBodyBytes() <= 0) {
      problems.add("server.max_body_bytes: must be positive");
    }
    if (server.eventLoops() <= 0) {
      problems.add("server.event_loops: must be positive");
    }
    TimeoutsConfig t = server.timeouts();
    positive("server.timeouts.connect_ms", t.connectMs());
    positive("server.timeouts.first_byte_ms", t.firstByteMs());
    positive("server.timeouts.total_ms", t.totalMs());
    positive("server.timeouts.stream_idle_ms", t.streamIdleMs());
  }

  private Set<String> validateProviders(List<ProviderConfig> providers) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < providers.size(); i++) {
      ProviderConfig p = providers.get(i);
      String at = "providers[" + i + "]";
      if (blank(p.name())) {
        problems.add(at + ".name: is required");
      } else if (!names.add(p.name())) {
        problems.add(at + ".name: duplicate provider name '" + p.name() + "'");
      }
      if (blank(p.type())) {
        problems.add(at + ".type: is required (one of " + sorted(knownProviderTypes) + ")");
      } else if (!knownProviderTypes.isEmpty() && !knownProviderTypes.contains(p.type())) {
        problems.add(at + ".type: unknown provider type '" + p.type() + "' (known: "
            + sorted(knownProviderTypes) + ")");
      }
      if (p.baseUrl() != null && !p.baseUrl().isEmpty()) {
        checkUrl(at + ".base_url", p.baseUrl());
      }
      if (p.maxConnections() <= 0) {
        problems.add(at + ".max_connections: must be positive");
      }
    }
    return names;
  }

  private void validateModels(List<ModelGroupConfig> models, Set<String> providerNames) {
    Set<String> names = new HashSet<>();
    for (ModelGroupConfig group : models) {
      if (group.name() != null) {
        names.add(group.name());
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < models.size(); i++) {
      ModelGroupConfig group = models.get(i);
      String at = "models[" + i + "]";
      if (blank(group.name())) {
        problems.add(at + ".name: is required");
      } else if (!seen.add(group.name())) {
        problems.add(at + ".name: duplicate model name '" + group.name() + "'");
      }
      if (!STRATEGIES.contains(group.strategy())) {
        problems.add(at + ".strategy: unknown strategy '" + group.strategy() + "' (known: "
            + sorted(STRATEGIES) + ")");
      }
      if (group.deployments().isEmpty()) {
        problems.add(at + ".deployments: at least one deployment is required");
      }
      for (int d = 0; d < group.deployments().size(); d++) {
        validateDeployment(at + ".deployments[" + d + "]", group.deployments().get(d), providerNames);
      }
      for (int f = 0; f < group.fallbacks().size(); f++) {
        String fallback = group.fallbacks().get(f);
        if (!names.contains(fallback)) {
          problems.add(at + ".fallbacks[" + f + "]: unknown model '" + fallback + "'");
        } else if (fallback.equals(group.name())) {
          problems.add(at + ".fallbacks[" + f + "]: a model cannot fall back to itself");
        }
      }
      if (group.maxAttempts() != null && group.maxAttempts() < 1) {
        problems.add(at + ".max_attempts: must be at least 1");
      }
      if (group.hedge() != null) {
        validateHedge(at + ".hedge", group.hedge());
      }
    }
  }

  private void validateDeployment(String at, DeploymentConfig d, Set<String> providerNames) {
    if (blank(d.provider())) {
      problems.add(at + ".provider: is required");
    } else if (!providerNames.contains(d.provider())) {
      problems.add(at + ".provider: unknown provider '" + d.provider() + "'");
    }
    if (blank(d.model())) {
      problems.add(at + ".model: is required");
    }
    if (d.weight() < 0) {
      problems.add(at + ".weight: must not be negative");
    }
    if (d.contextWindow() != null && d.contextWindow() <= 0) {
      problems.add(at + ".context_window: must be positive");
    }
    notNegative(at + ".rpm", d.rpm());
    notNegative(at + ".tpm", d.tpm());
    notNegative(at + ".input_cost_per_million", d.inputCostPerMillion());
    notNegative(at + ".output_cost_per_million", d.outputCostPerMillion());
    notNegative(at + ".daily_budget_usd", d.dailyBudgetUsd());
  }

  private void validateRouting(RoutingConfig routing) {
    RetryConfig r = routing.retry();
    if (r.maxAttempts() < 1) {
      problems.add("routing.retry.max_attempts: must be at least 1");
    }
    positive("routing.retry.base_backoff_ms", r.baseBackoffMs());
    if (r.maxBackoffMs() < r.baseBackoffMs()) {
      problems.add("routing.retry.max_backoff_ms: must be at least base_backoff_ms");
    }
    if (r.budgetRatio() < 0 || r.budgetRatio() > 1) {
      problems.add("routing.retry.budget_ratio: must be between 0 and 1");
    }
    positive("routing.retry.budget_window_ms", r.budgetWindowMs());
    notNegative("routing.retry.min_retries_per_second", r.minRetriesPerSecond().longValue());
    notNegative("routing.retry.max_retry_after_ms", r.maxRetryAfterMs().longValue());
    positive("routing.retry.key_cooldown_ms", r.keyCooldownMs());
    HealthConfig h = routing.health();
    positive("routing.health.consecutive_failures", h.consecutiveFailures());
    if (h.failurePercentage() < 1 || h.failurePercentage() > 100) {
      problems.add("routing.health.failure_percentage: must be between 1 and 100");
    }
    positive("routing.health.failure_minimum_requests", h.failureMinimumRequests());
    positive("routing.health.interval_ms", h.intervalMs());
    positive("routing.health.base_ejection_ms", h.baseEjectionMs());
    if (h.maxEjectionMs() < h.baseEjectionMs()) {
      problems.add("routing.health.max_ejection_ms: must be at least base_ejection_ms");
    }
    if (h.maxEjectionPercent() < 0 || h.maxEjectionPercent() > 100) {
      problems.add("routing.health.max_ejection_percent: must be between 0 and 100");
    }
    positive("routing.health.half_open_probes", h.halfOpenProbes());
    ProbeConfig probe = routing.probe();
    if (probe.intervalMs() < 100) {
      problems.add("routing.probe.interval_ms: must be at least 100");
    }
    positive("routing.probe.timeout_ms", probe.timeoutMs());
    validateHedge("routing.hedge", routing.hedge());
  }

  private void validateHedge(String at, HedgeConfig hedge) {
    if (hedge.delayMs() != null && hedge.delayMs() <= 0) {
      problems.add(at + ".delay_ms: must be positive");
    }
    notNegative(at + ".min_delay_ms", hedge.minDelayMs().longValue());
    positive(at + ".min_samples", hedge.minSamples());
    notNegative(at + ".max_hedges", hedge.maxHedges().longValue());
  }

  private void notNegative(String at, Number value) {
    if (value != null && value.doubleValue() < 0) {
      problems.add(at + ": must not be negative");
    }
  }

  private void validateKeys(AuthConfig auth) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < auth.keys().size(); i++) {
      StaticKeyConfig key = auth.keys().get(i);
      String at = "auth.keys[" + i + "]";
      if (blank(key.key())) {
        problems.add(at + ".key: is required");
      } else if (key.key().length() < 8) {
        problems.add(at + ".key: must be at least 8 characters");
      } else if (!seen.add(key.key())) {
        problems.add(at + ".key: duplicate key (named '" + key.name() + "')");
      }
    }
  }

  private void checkPort(String at, int port, boolean allowZero) {
    if (port < (allowZero ? 0 : 1) || port > 65_535) {
      problems.add(at + ": must be between " + (allowZero ? 0 : 1) + " and 65535, got " + port);
    }
  }

  private void positive(String at, int value) {
    if (value <= 0) {
      problems.add(at + ": must be positive");
    }
  }

  private void checkUrl(String at, String url) {
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        problems.add(at + ": must be an http or https URL, got '" + url + "'");
      } else if (uri.getHost() == null) {
        problems.add(at + ": has no host: '" + url + "'");
      }
    } catch (IllegalArgumentException e) {
      problems.add(at + ": not a valid URL: '" + url + "'");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
