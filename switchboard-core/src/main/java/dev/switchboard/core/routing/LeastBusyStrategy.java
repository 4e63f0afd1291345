package dev.switchboard.core.routing;

import java.util.List;

/** Fewest requests in flight first; ties are broken at random so that idle deployments share the load. */
final class LeastBusyStrategy implements RoutingStrategy {
  @Override
  public String name() {
    return "least-busy";
  }

  @Override
  public String order(List<Deployment> candidates, RouteContext context) {
    int n = candidates.size();
    int[] busy = new int[n];
    for (int i = n - 1; i > 0; i--) {
      int j = context.random.nextInt(i + 1);
      Deployment swap = candidates.get(i);
      candidates.set(i, candidates.get(j));
      candidates.set(j, swap);
    }
    for (int i = 0; i < n; i++) {
      busy[i] = context.health(candidates.get(i)).inFlight.get();
    }
    for (int i = 1; i < n; i++) {
      Deployment d = candidates.get(i);
      int b = busy[i];
      int j = i - 1;
      while (j >= 0 && busy[j] > b) {
        busy[j + 1] = busy[j];
        candidates.set(j + 1, candidates.get(j));
        j--;
      }
      busy[j + 1] = b;
      candidates.set(j + 1, d);
    }
    return n == 0 ? "none" : "in_flight=" + busy[0];
  }
}
