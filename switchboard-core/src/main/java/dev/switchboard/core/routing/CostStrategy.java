package dev.switchboard.core.routing;

import java.util.Comparator;
import java.util.List;

/**
 * Cheapest first: the estimated cost of this request (prompt tokens at the input price plus the requested output
 * at the output price) on each deployment. Deployments without prices come last; ties go by priority. Deployments
 * whose context window is too small were already left out.
 */
final class CostStrategy implements RoutingStrategy {
  @Override
  public String name() {
    return "cost";
  }

  @Override
  public String order(List<Deployment> candidates, RouteContext context) {
    Comparator<Deployment> byCost = Comparator.comparingDouble((Deployment d) -> estimate(d, context))
        .thenComparingInt(d -> d.config().priority());
    candidates.sort(byCost);
    if (candidates.isEmpty()) {
      return "none";
    }
    double cost = estimate(candidates.get(0), context);
    return Double.isInfinite(cost) ? "unpriced" : "cost_micro_usd=" + Math.round(cost * 1_000_000);
  }

  static double estimate(Deployment deployment, RouteContext context) {
    Double input = deployment.config().inputCostPerMillion();
    Double output = deployment.config().outputCostPerMillion();
    if (input == null && output == null) {
      return Double.POSITIVE_INFINITY;
    }
    double in = input == null ? 0 : input;
    double out = output == null ? 0 : output;
    return (context.promptTokens * in + context.maxOutputTokens * out) / 1_000_000.0;
  }
}
