package dev.switchboard.core.routing;

import java.util.List;

/**
 * Orders a group's eligible deployments for one request, best first: the first is tried first, the rest are the
 * fallbacks. Implementations are stateless or thread-safe; they are shared by every event loop.
 */
interface RoutingStrategy {
  String name();

  /** Sorts {@code candidates} in place and returns a short reason for the first choice. */
  String order(List<Deployment> candidates, RouteContext context);
}
