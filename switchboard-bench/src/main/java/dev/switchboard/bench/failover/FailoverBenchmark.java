package dev.switchboard.bench.failover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.Gateway;
import dev.switchboard.sim.Fault;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The failover benchmark: three simulated providers behind one model, open-loop load at a fixed rate; one
 * provider dies (refused, 503 or hang), later recovers. Reports, per fault: failed client requests; the extra
 * latency of requests whose first attempt failed; the time from the death until no new request goes to the dead
 * provider; and the time from its recovery until it serves again. Writes JSON and prints a Markdown table.
 *
 * <p>First, discarded runs of every fault warm the JVM up. Usage: {@code FailoverBenchmark [rate-per-second] [phase-seconds] [results.json]}.
 */
public final class FailoverBenchmark {
  private static final String DEAD = "beta";

  private FailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int phaseSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path out = Path.of(args.length > 2 ? args[2] : "failover-results.json");
    // Warm every fault's path, not only one: a failure path that runs for the first time in the JVM pays class
    // loading and interpretation (a first refused connection costs milliseconds), which is not failover latency.
    if (!PROBED_CONFIG.contains("probe:") || !SUSTAINED_CONFIG.contains("strategy: priority")) {
      throw new IllegalStateException("the benchmark's configuration variants no longer apply");
    }
    for (String fault : FAULTS) {
      run(fault, rate, Math.min(2, phaseSeconds), CONFIG);
    }
    List<FailoverResult> results = new ArrayList<>();
    List<FailoverResult> sustained = new ArrayList<>();
    List<FailoverResult> probed = new ArrayList<>();
    for (String fault : FAULTS) {
      results.add(run(fault, rate, phaseSeconds, CONFIG));
      sustained.add(run(fault, rate, phaseSeconds, SUSTAINED_CONFIG));
      probed.add(run(fault, rate, phaseSeconds, PROBED_CONFIG));
    }
    ObjectNode root = Json.object();
    root.put("rate_per_second", rate).put("phase_seconds", phaseSeconds);
    root.set("faults", toJson(results));
    root.set("every_request_fails_over", toJson(sustained));
    root.set("with_active_probes", toJson(probed));
    Files.writeString(out, root.toPrettyString(), StandardCharsets.UTF_8);
    System.out.println(FailoverResult.markdown(results));
    System.out.println("Every request fails over (the dead provider is first in line and never ejected):");
    System.out.println();
    System.out.println(FailoverResult.markdown(sustained));
    System.out.println("With active probes (every 200 ms, 100 ms deadline):");
    System.out.println();
    System.out.println(FailoverResult.markdown(probed));
    System.exit(0);
  }

  private static ArrayNode toJson(List<FailoverResult> results) {
    ArrayNode json = Json.array();
    for (FailoverResult result : results) {
      json.add(result.toJson());
    }
    return json;
  }

  private static final List<String> FAULTS = List.of("refused", "503", "hang");

  /**
   * One fault under one configuration: {@link #CONFIG}; {@link #SUSTAINED_CONFIG}, where the dead provider is
   * first in a priority chain and never ejected, so every request of the outage tries it first and fails over (many
   * samples of figure 1 instead of the few requests between the death and the ejection); or
   * {@link #PROBED_CONFIG}, with active probes.
   */
  static FailoverResult run(String fault, int rate, int phaseSeconds, String yaml) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      List<SimulatedProvider> providers = new ArrayList<>();
      for (String name : List.of("alpha", "beta", "gamma")) {
        providers.add(new SimulatedProvider(name, new OpenAiSimDialect(), LatencyProfile.INSTANT, 5, null));
      }
      SimulatorServer sims = new SimulatorServer(vertx, providers);
      Map<String, String> env = new HashMap<>();
      for (String name : List.of("alpha", "beta", "gamma")) {
        int port = sims.listenDedicated(name, 0).await(10, TimeUnit.SECONDS);
        env.put(name.toUpperCase(Locale.ROOT), "http://127.0.0.1:" + port + "/v1");
      }
      GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), env).parse(yaml);
      Gateway gateway = Gateway.start(vertx, config).await(10, TimeUnit.SECONDS);
      OpenLoopLoad load = new OpenLoopLoad(vertx, gateway.port(), rate);
      load.warmUp(phaseSeconds);
      SimulatedProvider dead = sims.provider(DEAD);
      EjectionWatch watch = new EjectionWatch(gateway.services().routing(), DEAD + "/gpt-4o");
      long start = System.nanoTime();
      long killAt = start + TimeUnit.SECONDS.toNanos(phaseSeconds);
      long healAt = killAt + TimeUnit.SECONDS.toNanos(phaseSeconds);
      long endAt = healAt + TimeUnit.SECONDS.toNanos(phaseSeconds);
      vertx.setTimer(TimeUnit.NANOSECONDS.toMillis(killAt - System.nanoTime()), id -> {
        dead.fault(faultFor(fault));
        watch.start(System.nanoTime());
      });
      vertx.setTimer(TimeUnit.NANOSECONDS.toMillis(healAt - System.nanoTime()), id -> dead.heal());
      List<OpenLoopLoad.Sample> samples = load.run(start, endAt);
      FailoverResult result = FailoverResult.of(fault, samples, killAt, healAt, watch, DEAD, HEDGE_MIN_MS);
      gateway.close().await(10, TimeUnit.SECONDS);
      sims.close().await(5, TimeUnit.SECONDS);
      return result;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Fault faultFor(String fault) {
    return switch (fault) {
      case "refused" -> Fault.refuse();
      case "503" -> Fault.status(503, 0);
      default -> Fault.hang();
    };
  }

  static final int HEDGE_MIN_MS = 25;

  private static final String CONFIG = """
      server:
        port: 0
        event_loops: 2
        shutdown_grace_ms: 500
        timeouts: {connect_ms: 1000, first_byte_ms: 5000, total_ms: 10000, stream_idle_ms: 5000}
      providers:
        - {name: alpha, type: openai, base_url: "${ALPHA}", api_key: sk-bench-alpha-0001}
        - {name: beta, type: openai, base_url: "${BETA}", api_key: sk-bench-beta-0002}
        - {name: gamma, type: openai, base_url: "${GAMMA}", api_key: sk-bench-gamma-0003}
      models:
        - name: gpt-4o
          strategy: round-robin
          deployments:
            - {provider: alpha, model: gpt-4o}
            - {provider: beta, model: gpt-4o}
            - {provider: gamma, model: gpt-4o}
      routing:
        retry: {max_attempts: 3, base_backoff_ms: 10}
        health: {consecutive_failures: 3, base_ejection_ms: 1000, max_ejection_percent: 34}
        hedge: {min_delay_ms: 25, min_samples: 20}
      cache: {enabled: false}
      auth:
        keys:
          - {key: sk-bench-client-0001, name: bench}
      """;

  private static final String SUSTAINED_CONFIG = CONFIG
      .replace("strategy: round-robin", "strategy: priority")
      .replace("{provider: alpha, model: gpt-4o}", "{provider: FIRST, model: gpt-4o}")
      .replace("{provider: beta, model: gpt-4o}", "{provider: alpha, model: gpt-4o}")
      .replace("{provider: FIRST, model: gpt-4o}", "{provider: beta, model: gpt-4o}")
      .replace("base_backoff_ms: 10}", "base_backoff_ms: 10, budget_ratio: 1.0, min_retries_per_second: 10000}")
      .replace("consecutive_failures: 3,", "consecutive_failures: 1000000000, failure_minimum_requests: 1000000000,");

  private static final String PROBED_CONFIG = CONFIG
      .replace("\ncache: {enabled: false}", "\n  probe: {enabled: true, interval_ms: 200, timeout_ms: 100}\ncache: {enabled: false}");
}
