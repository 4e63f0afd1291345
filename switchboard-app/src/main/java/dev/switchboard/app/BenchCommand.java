package dev.switchboard.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bench.load.Durations;
import dev.switchboard.bench.seed.PriceSheet;
import dev.switchboard.bench.seed.PromptPool;
import dev.switchboard.bench.seed.SeedReport;
import dev.switchboard.bench.seed.SeedScenario;
import dev.switchboard.bench.seed.SeedSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard bench --scenario seed}: the seed article's experiment, direct vs Switchboard, on loopback. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark scenario on loopback and print its table (seed: P50/P99 uncached latency, "
        + "throughput, cache hit rate, cost per 1M tokens and failover, direct vs Switchboard).")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "seed", description = "Scenario (seed).")
  String scenario;

  @Option(names = "--quick", description = "A short smoke run (about 30 s, 200 requests open, latencies x0.2).")
  boolean quick;

  @Option(names = "--concurrency", paramLabel = "N", description = "Requests held open (default 10000; quick 200).")
  Integer concurrency;

  @Option(names = "--duration", paramLabel = "TIME", description = "Length of each measured phase, e.g. 60s.")
  String duration;

  @Option(names = "--latency-scale", paramLabel = "X", description = "Multiply the providers' latencies.")
  Double latencyScale;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "results.json",
      description = "Results file (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--data", paramLabel = "DIR", description = "Data folder with prompts/ and paraphrase/.")
  Path data;

  @Option(names = "--no-progress", description = "Print phase names instead of a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    if (!scenario.equals("seed")) {
      System.err.println("switchboard bench: unknown scenario '" + scenario + "' (known: seed)");
      return 2;
    }
    Path folder = data != null ? data : PromptPool.defaultLocation();
    SeedSettings settings = quick ? SeedSettings.quick(folder) : SeedSettings.full(folder);
    if (concurrency != null) {
      settings = settings.withConcurrency(concurrency);
    }
    if (duration != null) {
      settings = settings.withDuration(Durations.parseMillis(duration));
    }
    if (latencyScale != null) {
      settings = settings.withLatencyScale(latencyScale);
    }
    settings = settings.withProgress(!noProgress && System.console() != null);
    ObjectNode result = new SeedScenario(settings, System.out, PriceSheet.seed()).run();
    SeedReport.complete(result, commandLine());
    SeedReport.print(System.out, result);
    SeedReport.write(out, result);
    System.out.println("\nResults written to " + out.toAbsolutePath());
    return 0;
  }

  private String commandLine() {
    StringBuilder command = new StringBuilder("./switchboard bench --scenario ").append(scenario);
    if (quick) {
      command.append(" --quick");
    }
    if (concurrency != null) {
      command.append(" --concurrency ").append(concurrency);
    }
    if (duration != null) {
      command.append(" --duration ").append(duration);
    }
    if (latencyScale != null) {
      command.append(" --latency-scale ").append(latencyScale);
    }
    return command.append(" --out ").append(out).toString();
  }
}
