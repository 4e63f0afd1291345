package dev.switchboard.core.routing;

import java.util.List;

/**
 * Latency-aware power of two choices: two deployments are drawn at random and the one with the lower load-adjusted
 * peak-EWMA latency (time to first event for streams) goes first; the rest follow by the same score. A deployment
 * with no measurement yet scores zero, so it is tried and measured.
 */
final class LatencyStrategy implements RoutingStrategy {
  @Override
  public String name() {
    return "latency";
  }

  @Override
  public String order(List<Deployment> candidates, RouteContext context) {
    int n = candidates.size();
    if (n == 0) {
      return "none";
    }
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      score[i] = score(candidates.get(i), context);
    }
    if (n == 1) {
      return "only " + millis(score[0]);
    }
    int a = context.random.nextInt(n);
    int b = context.random.nextInt(n - 1);
    if (b >= a) {
      b++;
    }
    int winner = score[b] < score[a] ? b : a;
    int loser = winner == a ? b : a;
    String reason = "p2c " + millis(score[winner]) + "<=" + millis(score[loser]);
    swap(candidates, score, 0, winner);
    for (int i = 2; i < n; i++) {
      for (int j = i; j > 1 && score[j] < score[j - 1]; j--) {
        swap(candidates, score, j, j - 1);
      }
    }
    return reason;
  }

  private static double score(Deployment deployment, RouteContext context) {
    DeploymentHealth health = context.health(deployment);
    double latency = context.stream ? health.firstByte.value() : health.latency.value();
    return latency * (health.inFlight.get() + 1);
  }

  private static void swap(List<Deployment> list, double[] score, int i, int j) {
    if (i == j) {
      return;
    }
    Deployment d = list.get(i);
    list.set(i, list.get(j));
    list.set(j, d);
    double s = score[i];
    score[i] = score[j];
    score[j] = s;
  }

  private static String millis(double nanos) {
    long tenths = Math.round(nanos / 100_000.0);
    return (tenths / 10) + "." + (tenths % 10) + "ms";
  }
}
