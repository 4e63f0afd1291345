package dev.switchboard.core.routing;

import java.util.List;

/**
 * Weighted random: the first deployment is drawn with probability weight / total weight; the fallbacks are drawn
 * the same way from those left. Zero-weight deployments only serve as last fallbacks.
 */
final class WeightedStrategy implements RoutingStrategy {
  @Override
  public String name() {
    return "weighted";
  }

  @Override
  public String order(List<Deployment> candidates, RouteContext context) {
    int n = candidates.size();
    long total = 0;
    for (Deployment d : candidates) {
      total += d.config().weight();
    }
    long firstTotal = total;
    for (int position = 0; position < n - 1 && total > 0; position++) {
      double target = context.random.nextDouble() * total;
      int chosen = position;
      double cumulative = 0;
      for (int i = position; i < n; i++) {
        int weight = candidates.get(i).config().weight();
        cumulative += weight;
        if (weight > 0 && target < cumulative) {
          chosen = i;
          break;
        }
      }
      Deployment picked = candidates.remove(chosen);
      candidates.add(position, picked);
      total -= picked.config().weight();
    }
    return n == 0 ? "none" : "weight=" + candidates.get(0).config().weight() + "/" + firstTotal;
  }
}
