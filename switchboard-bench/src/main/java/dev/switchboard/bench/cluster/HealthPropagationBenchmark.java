package dev.switchboard.bench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.RedisConfig;
import dev.switchboard.core.routing.HealthEvent;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.Gateway;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Three gateway nodes on loopback share health through Redis pub/sub. Each round, one node ejects a deployment and
 * the time until each other node has applied the ejection (and so skips the deployment) is recorded.
 *
 * <p>Usage: {@code HealthPropagationBenchmark [rounds] [redis-url] [results.json]}.
 */
public final class HealthPropagationBenchmark {
  private static final String CONFIG = """
      server: {port: 0, event_loops: 1, shutdown_grace_ms: 200}
      cluster: {node_id: NODE}
      providers:
        - {name: alpha, type: openai, base_url: "http://127.0.0.1:9/v1"}
        - {name: beta, type: openai, base_url: "http://127.0.0.1:9/v1"}
      models:
        - name: gpt-4o
          deployments:
            - {provider: alpha, model: gpt-4o}
            - {provider: beta, model: gpt-4o}
      auth:
        keys:
          - {key: sk-bench-client-0001, name: bench}
      """;

  private HealthPropagationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    String url = args.length > 1 ? args[1] : "redis://127.0.0.1:6379";
    Path out = Path.of(args.length > 2 ? args[2] : "health-propagation.json");
    String channel = "switchboard-bench:" + UUID.randomUUID();
    List<Vertx> vertxes = new ArrayList<>();
    List<Gateway> nodes = new ArrayList<>();
    Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    List<Double> delays = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch[] latch = new CountDownLatch[1];
    for (int i = 0; i < 3; i++) {
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      vertxes.add(vertx);
      GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), Map.of())
          .parse(CONFIG.replace("NODE", "node-" + i));
      Gateway gateway = Gateway.start(vertx, config).await(10, TimeUnit.SECONDS);
      gateway.services().routing().joinCluster(vertx, new RedisConfig(url, null), channel)
          .await(10, TimeUnit.SECONDS);
      String self = "node-" + i;
      gateway.services().routing().onHealthEvent(event -> {
        Long sent = sentAt.get(event.millis());
        if (sent != null && HealthEvent.EJECT.equals(event.type()) && !self.equals(event.node())) {
          delays.add((System.nanoTime() - sent) / 1e6);
          latch[0].countDown();
        }
      });
      nodes.add(gateway);
    }
    int lost = 0;
    for (int round = 0; round < rounds; round++) {
      long tag = 60_000L + round;
      latch[0] = new CountDownLatch(2);
      sentAt.put(tag, System.nanoTime());
      nodes.get(round % 3).services().routing().eject("alpha/gpt-4o", tag);
      if (!latch[0].await(1, TimeUnit.SECONDS)) {
        lost++;
      }
      Thread.sleep(5);
    }
    double[] sorted = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    ObjectNode result = Json.object();
    result.put("nodes", 3).put("rounds", rounds).put("deliveries", sorted.length).put("lost_rounds", lost)
        .put("p50_ms", pct(sorted, 0.5)).put("p99_ms", pct(sorted, 0.99)).put("max_ms", pct(sorted, 1.0));
    Files.writeString(out, result.toPrettyString(), StandardCharsets.UTF_8);
    System.out.println(String.format(Locale.ROOT,
        "| nodes | rounds | deliveries | p50 | p99 | max |%n|---|---|---|---|---|---|%n| 3 | %d | %d | %.2f ms | "
            + "%.2f ms | %.2f ms |", rounds, sorted.length, pct(sorted, 0.5), pct(sorted, 0.99),
        pct(sorted, 1.0)));
    for (int i = 0; i < 3; i++) {
      nodes.get(i).close().await(5, TimeUnit.SECONDS);
      vertxes.get(i).close().await(5, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static String describe(double[] values) {
    return Arrays.toString(values);
  }
}
