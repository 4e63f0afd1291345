package dev.switchboard.core.routing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Each request of a group starts one deployment further along (configuration order), wrapping round. */
final class RoundRobinStrategy implements RoutingStrategy {
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "round-robin";
  }

  @Override
  public String order(List<Deployment> candidates, RouteContext context) {
    if (candidates.isEmpty()) {
      return "none";
    }
    long turn = counters.computeIfAbsent(context.group, g -> new AtomicLong()).getAndIncrement();
    int shift = (int) Math.floorMod(turn, (long) candidates.size());
    Collections.rotate(candidates, -shift);
    return "turn=" + shift;
  }
}
