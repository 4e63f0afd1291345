package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.Map;

/**
 * A read-only view of the live health map: per provider (with per-key state, never key material), per deployment
 * (breaker state, in-flight, latency, quota) and per group (p95, ejected count), plus the retry budget.
 */
public final class HealthView {
  private final RoutingRuntime runtime;

  HealthView(RoutingRuntime runtime) {
    this.runtime = runtime;
  }

  /** Whether the deployment is ejected right now (its breaker is open). */
  public boolean isEjected(String deploymentId) {
    DeploymentHealth health = runtime.registry().byId(deploymentId);
    return health != null && health.isEjected(runtime.clock().nanoTime());
  }

  /** The breaker state of a deployment ({@code healthy}, {@code ejected}, {@code probing}), or null. */
  public String state(String deploymentId) {
    DeploymentHealth health = runtime.registry().byId(deploymentId);
    return health == null ? null : health.snapshot(runtime.clock().nanoTime()).state();
  }

  /** The state of a provider's key by position ({@code ok}, {@code cooling}, {@code dead}), or null. */
  public String keyState(String provider, int index) {
    KeyPool pool = runtime.registry().keys(provider);
    if (pool == null || index < 0 || index >= pool.size()) {
      return null;
    }
    return pool.states(runtime.clock().nanoTime()).get(index).state();
  }

  /** The whole map as JSON, for {@code GET /admin/health}. */
  public ObjectNode snapshot() {
    long now = runtime.clock().nanoTime();
    HealthRegistry registry = runtime.registry();
    ObjectNode root = Json.object();
    root.put("node", registry.nodeId());
    ObjectNode providers = root.putObject("providers");
    for (Map.Entry<String, KeyPool> entry : registry.keyPools().entrySet()) {
      ObjectNode provider = providers.putObject(entry.getKey());
      ArrayNode keys = provider.putArray("keys");
      for (KeyPool.KeyState key : entry.getValue().states(now)) {
        keys.addObject().put("index", key.index()).put("fingerprint", key.fingerprint()).put("state", key.state())
            .put("cooling_ms", key.coolingMillis()).put("rate_limited", key.rateLimited())
            .put("rejected", key.rejected());
      }
      provider.putArray("deployments");
    }
    ArrayNode deployments = root.putArray("deployments");
    long epochMillis = runtime.clock().epochMillis();
    for (Map.Entry<String, DeploymentHealth> entry : registry.all().entrySet()) {
      Deployment deployment = registry.deployments().get(entry.getKey());
      DeploymentHealth health = entry.getValue();
      DeploymentHealth.Snapshot s = health.snapshot(now);
      deployments.addObject().put("id", entry.getKey()).put("provider", deployment.providerName())
          .put("model", deployment.config().model()).put("state", s.state()).put("ejected_for_ms",
              s.ejectedForMillis()).put("ejections", s.ejections()).put("consecutive_failures",
              s.consecutiveFailures()).put("in_flight", health.inFlight.get()).put("successes", s.successes())
          .put("failures", s.failures()).put("latency_ms", health.latency.value() / 1_000_000.0)
          .put("first_byte_ms", health.firstByte.value() / 1_000_000.0)
          .put("quota", health.quota.describe(now, epochMillis));
      ObjectNode provider = (ObjectNode) providers.get(deployment.providerName());
      if (provider != null) {
        ((ArrayNode) provider.get("deployments")).add(entry.getKey());
      }
    }
    ArrayNode groups = root.putArray("groups");
    for (ModelGroup group : runtime.catalog().groups()) {
      int ejected = 0;
      for (Deployment d : group.deployments()) {
        ejected += registry.of(d).isEjected(now) ? 1 : 0;
      }
      long p95 = runtime.latencyWindow(group, false).p95(1, now);
      long p95Stream = runtime.latencyWindow(group, true).p95(1, now);
      groups.addObject().put("name", group.name()).put("strategy", group.strategy())
          .put("deployments", group.deployments().size()).put("ejected", ejected)
          .put("p95_ms", p95 < 0 ? null : p95 / 1_000_000.0)
          .put("p95_first_byte_ms", p95Stream < 0 ? null : p95Stream / 1_000_000.0);
    }
    long[] counts = runtime.budget().counts();
    root.putObject("retry_budget").put("requests", counts[0]).put("extra_attempts", counts[1]);
    return root;
  }
}
