package dev.switchboard.core.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stay on one deployment until its quota is used up, then move on: deployments in priority order, those with room
 * left (requests and tokens this minute, USD today) before those without.
 */
final class QuotaStrategy implements RoutingStrategy {
  private static final Comparator<Deployment> BY_PRIORITY = Comparator.comparingInt(d -> d.config().priority());

  @Override
  public String name() {
    return "quota";
  }

  @Override
  public String order(List<Deployment> candidates, RouteContext context) {
    candidates.sort(BY_PRIORITY);
    List<Deployment> exhausted = new ArrayList<>(0);
    long epochMillis = context.clock.epochMillis();
    long tokens = context.promptTokens + context.maxOutputTokens;
    for (int i = 0; i < candidates.size(); ) {
      Deployment d = candidates.get(i);
      if (context.health(d).quota.hasRoom(context.nowNanos, epochMillis, tokens)) {
        i++;
      } else {
        exhausted.add(candidates.remove(i));
      }
    }
    boolean anyRoom = !candidates.isEmpty();
    candidates.addAll(exhausted);
    if (candidates.isEmpty()) {
      return "none";
    }
    return anyRoom ? (exhausted.isEmpty() ? "quota left" : "quota left; " + exhausted.size() + " used up")
        : "every quota used up";
  }
}
