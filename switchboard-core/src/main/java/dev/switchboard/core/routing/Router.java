package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes the routing decision for one request: the group's strategy (or the one the request asks for) orders the
 * deployments whose context window fits, ejected deployments move to the end as a last resort, and the
 * deployments of the fallback groups follow, each group ordered by its own strategy.
 */
final class Router {
  static final String STRATEGY_HEADER = "x-switchboard-strategy";
  static final String EXTENSION_FIELD = "switchboard";

  private final ModelCatalog catalog;
  private final Strategies strategies;
  private final HealthRegistry health;
  private final Clock clock;
  private final Randomness random;

  Router(ModelCatalog catalog, Strategies strategies, HealthRegistry health, Clock clock, Randomness random) {
    this.catalog = catalog;
    this.strategies = strategies;
    this.health = health;
    this.clock = clock;
    this.random = random;
  }

  /** Plans the attempts; fails with a 400 for an unknown strategy override. */
  RoutePlan plan(ModelGroup group, Exchange exchange, Predicate<Deployment> servable) {
    String override = requestedStrategy(exchange);
    RoutingStrategy strategy = strategies.get(override != null ? override : group.strategy());
    if (strategy == null && override != null) {
      throw GatewayException.badRequest("Unknown routing strategy '" + override + "' (known: "
          + Strategies.NAMES.stream().sorted().toList() + ").", "switchboard.strategy");
    }
    if (strategy == null) {
      strategy = strategies.get("priority");
    }
    long promptTokens = TokenEstimate.promptTokens(exchange.body());
    long maxOutput = TokenEstimate.maxOutputTokens(exchange.body());
    List<Deployment> ordered = new ArrayList<>(group.deployments().size() + 2);
    List<String> skipped = new ArrayList<>(0);
    Set<String> seen = new HashSet<>();
    Deployment[] largest = new Deployment[1];
    RouteContext context = new RouteContext(health, clock, random, group.name(), exchange.isStream(),
        promptTokens, maxOutput);
    String reason = addGroup(group, strategy, context, servable, ordered, skipped, seen, largest);
    for (String fallback : group.config().fallbacks()) {
      ModelGroup next = catalog.byName(fallback).orElse(null);
      if (next != null) {
        RoutingStrategy own = strategies.get(next.strategy());
        RouteContext fallbackContext = new RouteContext(health, clock, random, next.name(), exchange.isStream(),
            promptTokens, maxOutput);
        addGroup(next, own != null ? own : strategies.get("priority"), fallbackContext, servable, ordered, skipped,
            seen, largest);
      }
    }
    if (ordered.isEmpty() && largest[0] != null) {
      ordered.add(largest[0]);
      reason = "largest context window";
    }
    String chosen = ordered.isEmpty() ? "none" : ordered.get(0).id();
    RouteDecision decision = new RouteDecision(strategy.name(), override == null ? null : "request", ordered.size(),
        chosen, reason, List.copyOf(skipped));
    return new RoutePlan(group, ordered, decision, promptTokens, maxOutput);
  }

  private String addGroup(ModelGroup group, RoutingStrategy strategy, RouteContext context,
      Predicate<Deployment> servable, List<Deployment> out, List<String> skipped, Set<String> seen,
      Deployment[] largest) {
    List<Deployment> list = new ArrayList<>(group.deployments().size());
    for (Deployment d : group.deployments()) {
      if (!servable.test(d) || !seen.add(d.id())) {
        continue;
      }
      Integer window = d.config().contextWindow();
      if (window != null && context.promptTokens > window) {
        skipped.add(d.id() + ":context");
        if (largest[0] == null || window > largest[0].config().contextWindow()) {
          largest[0] = d;
        }
        continue;
      }
      list.add(d);
    }
    String reason = strategy.order(list, context);
    int healthy = 0;
    List<Deployment> ejected = new ArrayList<>(0);
    for (Deployment d : list) {
      if (health.of(d).availability(context.nowNanos) == DeploymentHealth.Availability.EJECTED) {
        ejected.add(d);
        skipped.add(d.id() + ":ejected");
      } else {
        out.add(d);
        healthy++;
      }
    }
    out.addAll(ejected);
    return healthy == 0 && !ejected.isEmpty() ? reason + "; all ejected" : reason;
  }

  private static String requestedStrategy(Exchange exchange) {
    String header = exchange.header(STRATEGY_HEADER);
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    JsonNode extension = exchange.body().get(EXTENSION_FIELD);
    if (extension != null && extension.path("strategy").isTextual()) {
      return extension.path("strategy").textValue();
    }
    return null;
  }
}
