package dev.switchboard.app;

import java.io.PrintStream;
import java.util.List;

/** Prints the demo's results as a readable table with the URLs to try next. */
final class DemoSummary {
  private DemoSummary() {}

  static boolean print(PrintStream out, List<DemoTraffic.Result> results, String gatewayUrl, String simUrl,
      String key) {
    int passed = 0;
    out.println();
    out.println("Switchboard demo");
    out.println("────────────────────────────────────────────────────────────────────────────────");
    for (DemoTraffic.Result result : results) {
      if (result.ok()) {
        passed++;
      }
      out.printf("  %s  %-26s %8s  %s%n", result.ok() ? "✔" : "✘", result.name(),
          result.millis() > 0 ? String.format("%.1f ms", result.millis()) : "", result.detail());
    }
    out.println("────────────────────────────────────────────────────────────────────────────────");
    out.printf("  %d of %d sample requests behaved as expected%n%n", passed, results.size());
    out.println("  Gateway:     " + gatewayUrl + "/v1   (key: " + key + ")");
    out.println("  Simulators:  " + simUrl + "   (faults: POST " + simUrl + "/_sim/providers/{name}/fault)");
    out.println("  Try:         curl " + gatewayUrl + "/v1/chat/completions -H 'authorization: Bearer " + key
        + "' \\");
    out.println("                 -H 'content-type: application/json' \\");
    out.println("                 -d '{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}'");
    out.println();
    return passed == results.size();
  }
}
