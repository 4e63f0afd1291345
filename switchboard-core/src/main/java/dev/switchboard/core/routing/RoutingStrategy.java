package dev.switchboard.core.routing;

import dev.switchboard.core.pipeline.Exchange;
import java.util.List;

/** Orders a group's deployments for one request: the first is tried first, the rest are fallbacks. */
public interface RoutingStrategy {
  String name();

  List<Deployment> order(ModelGroup group, Exchange exchange);
}
