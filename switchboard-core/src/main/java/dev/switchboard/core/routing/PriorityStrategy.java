package dev.switchboard.core.routing;

import java.util.Comparator;
import java.util.List;

/** A fallback chain: lowest priority number first; ties keep configuration order. */
final class PriorityStrategy implements RoutingStrategy {
  private static final Comparator<Deployment> BY_PRIORITY = Comparator.comparingInt(d -> d.config().priority());

  @Override
  public String name() {
    return "priority";
  }

  @Override
  public String order(List<Deployment> candidates, RouteContext context) {
    candidates.sort(BY_PRIORITY);
    return candidates.isEmpty() ? "none" : "priority=" + candidates.get(0).config().priority();
  }
}
