package dev.switchboard.core.routing;

import dev.switchboard.core.pipeline.Exchange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lowest priority number first; ties keep configuration order. */
public final class PriorityStrategy implements RoutingStrategy {
  @Override
  public String name() {
    return "priority";
  }

  @Override
  public List<Deployment> order(ModelGroup group, Exchange exchange) {
    List<Deployment> deployments = group.deployments();
    if (deployments.size() <= 1) {
      return deployments;
    }
    List<Deployment> ordered = new ArrayList<>(deployments);
    ordered.sort(Comparator.comparingInt(d -> d.config().priority()));
    return ordered;
  }
}
