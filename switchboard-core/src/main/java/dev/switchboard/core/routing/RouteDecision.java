package dev.switchboard.core.routing;

import java.util.List;

/**
 * Why a request went where it went: the strategy, how many candidates it ordered, the first choice and the reason,
 * and the deployments left out (with why). The short form goes into the {@code x-switchboard-route} header.
 */
record RouteDecision(String strategy, String overriddenBy, int candidates, String chosen, String reason,
    List<String> skipped) {

  /** For example {@code strategy=latency; chosen=sim-a/gpt-4o; why=p2c 1.2ms<=3.4ms; candidates=3}. */
  String shortForm(String served, int attempts) {
    StringBuilder out = new StringBuilder(96);
    out.append("strategy=").append(strategy);
    if (overriddenBy != null) {
      out.append(" (").append(overriddenBy).append(')');
    }
    out.append("; chosen=").append(chosen).append("; why=").append(reason).append("; candidates=")
        .append(candidates);
    if (!skipped.isEmpty()) {
      out.append("; skipped=").append(String.join(",", skipped));
    }
    if (served != null && !served.equals(chosen)) {
      out.append("; served=").append(served).append("; attempts=").append(attempts);
    }
    return out.toString();
  }
}
