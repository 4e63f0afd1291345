package dev.switchboard.core.routing;

import java.util.Map;
import java.util.Set;

/** The routing strategies by configuration name. */
final class Strategies {
  static final Set<String> NAMES = Set.of("priority", "weighted", "least-busy", "latency", "cost", "quota",
      "round-robin");

  private final Map<String, RoutingStrategy> byName;

  Strategies() {
    byName = Map.of(
        "priority", new PriorityStrategy(),
        "weighted", new WeightedStrategy(),
        "least-busy", new LeastBusyStrategy(),
        "latency", new LatencyStrategy(),
        "cost", new CostStrategy(),
        "quota", new QuotaStrategy(),
        "round-robin", new RoundRobinStrategy());
  }

  /** The named strategy, or null when there is none by that name. */
  RoutingStrategy get(String name) {
    return name == null ? null : byName.get(name);
  }
}
