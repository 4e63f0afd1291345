package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.routing.RoutingRuntime;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision for a group of ten deployments (strategy, context-window check, health partition, decision
 * record), per strategy. Sampled so that JMH reports percentiles; the goal is p99 under 50 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingDecisionBenchmark {
  @Param({"priority", "weighted", "least-busy", "latency", "cost", "quota"})
  public String strategy;

  private RoutingRuntime runtime;
  private ObjectNode body;

  @Setup
  public void setUp() {
    StringBuilder yaml = new StringBuilder("providers:\n");
    for (int i = 0; i < 10; i++) {
      yaml.append("  - {name: p").append(i).append(", type: openai, base_url: \"http://127.0.0.1:9/v1\"}\n");
    }
    yaml.append("models:\n  - name: m\n    strategy: ").append(strategy).append("\n    deployments:\n");
    for (int i = 0; i < 10; i++) {
      yaml.append("      - {provider: p").append(i).append(", model: m").append(i).append(", weight: ")
          .append(i + 1).append(", priority: ").append(i % 3).append(", context_window: 128000")
          .append(", input_cost_per_million: ").append(0.1 * (i + 1)).append(", output_cost_per_million: ")
          .append(0.4 * (i + 1)).append(", rpm: 1000000000}\n");
    }
    GatewayConfig config = new ConfigLoader(Set.of("openai"), Map.of()).parse(yaml.toString());
    runtime = RoutingRuntime.create(config, Clock.system(), Randomness.system());
    body = Json.object();
    body.put("model", "m");
    body.putArray("messages").addObject().put("role", "user")
        .put("content", "Summarise the following paragraph about routing decisions in two sentences.");
    body.put("max_tokens", 256);
  }

  @Benchmark
  public String decide() {
    Exchange exchange = new Exchange("bench", 0, 0, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI,
        MultiMap.caseInsensitiveMultiMap(), body);
    return runtime.explain(exchange);
  }
}
