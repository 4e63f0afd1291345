package dev.switchboard.bench.failover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The figures of one failover run. Durations in milliseconds; -1 where a figure could not be observed. */
record FailoverResult(String fault, int requests, int failed, int failedOver, double baselineP50,
    double failedOverP50, double failedOverP99, double addedP50, double ejectionMillis, int sentToDeadAfterFault,
    double letBackInMillis) {

  static FailoverResult of(String fault, List<OpenLoopLoad.Sample> samples, long killAt, long healAt,
      EjectionWatch watch, String dead, int hedgeMinMillis) {
    int failed = 0;
    for (OpenLoopLoad.Sample s : samples) {
      failed += s.status() != 200 || s.errorInBody() ? 1 : 0;
    }
    double[] baseline = samples.stream().filter(s -> s.intendedNanos() < killAt && s.attempts() == 1)
        .mapToDouble(OpenLoopLoad.Sample::latencyMillis).sorted().toArray();
    // Requests whose first attempt went to the dead provider and that another provider served.
    double[] failedOver = samples.stream()
        .filter(s -> s.intendedNanos() >= killAt && s.intendedNanos() < healAt && s.status() == 200
            && s.route() != null && s.route().contains("chosen=" + dead + "/") && !dead.equals(s.provider()))
        .mapToDouble(OpenLoopLoad.Sample::latencyMillis).sorted().toArray();
    int sentToDead = (int) samples.stream().filter(s -> s.intendedNanos() >= killAt && s.intendedNanos() < healAt
        && s.route() != null && s.route().contains("chosen=" + dead + "/")).count();
    double letBackIn = samples.stream()
        .filter(s -> s.intendedNanos() >= healAt && dead.equals(s.provider()))
        .mapToDouble(s -> (s.intendedNanos() - healAt) / 1e6).min().orElse(-1);
    double baseP50 = percentile(baseline, 0.5);
    double overP50 = percentile(failedOver, 0.5);
    return new FailoverResult(fault, samples.size(), failed, failedOver.length, baseP50, overP50,
        percentile(failedOver, 0.99), failedOver.length == 0 ? -1 : overP50 - baseP50, watch.ejectionMillis(),
        sentToDead, letBackIn);
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("fault", fault).put("requests", requests).put("failed_client_requests", failed)
        .put("failed_over_requests", failedOver).put("baseline_p50_ms", baselineP50)
        .put("failed_over_p50_ms", failedOverP50).put("failed_over_p99_ms", failedOverP99)
        .put("added_latency_p50_ms", addedP50).put("death_to_ejection_ms", ejectionMillis)
        .put("first_attempts_to_dead_provider", sentToDeadAfterFault)
        .put("recovery_to_first_request_ms", letBackInMillis);
    return node;
  }

  static String markdown(List<FailoverResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("| fault | requests | failed | failed over | baseline p50 | failed-over p50 / p99 | added p50 "
        + "| death → ejected | first attempts to dead | recovery → back in |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (FailoverResult r : results) {
      out.append(String.format(Locale.ROOT,
          "| %s | %d | %d | %d | %.2f ms | %.2f / %.2f ms | %.2f ms | %.2f ms | %d | %.0f ms |\n", r.fault,
          r.requests, r.failed, r.failedOver, r.baselineP50, r.failedOverP50, r.failedOverP99, r.addedP50,
          r.ejectionMillis, r.sentToDeadAfterFault, r.letBackInMillis));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return Arrays.toString(new Object[] {fault, failed});
  }
}
