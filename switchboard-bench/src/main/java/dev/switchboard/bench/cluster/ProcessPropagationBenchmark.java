package dev.switchboard.bench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster health propagation between three gateway processes on loopback. Each node is its own JVM
 * ({@link ClusterNode}) with {@code cluster.redis} pointing at one Redis and a channel of its own. A simulator in
 * this process serves both deployments, and open-loop chat requests keep every node busy. Each round one node
 * ejects a deployment; the other two report the wall-clock time (same machine, same clock) at which they applied
 * it, from when they skip the deployment. Reports p50/p90/p99/max of publish → applied over every delivery, after
 * 15 s of load and 30 rounds that are not counted.
 *
 * <p>Usage: {@code ProcessPropagationBenchmark [rounds] [redis-url] [requests-per-second-per-node] [results.json]}.
 */
public final class ProcessPropagationBenchmark {
  private static final int NODES = 3;
  private static final int WARM_UP_ROUNDS = 30;
  private static final int WARM_UP_SECONDS = 15;
  private static final String DEPLOYMENT = "alpha/gpt-4o";
  private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"One sentence about health propagation.\"}]}";

  private ProcessPropagationBenchmark() {}

  /** One child process and what it reported. */
  private static final class Node {
    final Process process;
    final Writer stdin;
    final CountDownLatch ready = new CountDownLatch(1);
    volatile int port;

    Node(Process process) {
      this.process = process;
      this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    synchronized void command(String line) throws IOException {
      stdin.write(line + "\n");
      stdin.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    String url = args.length > 1 ? args[1] : "redis://127.0.0.1:6379";
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Path out = Path.of(args.length > 3 ? args[3] : "process-propagation.json");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    List<SimulatedProvider> providers = List.of(
        new SimulatedProvider("alpha", new OpenAiSimDialect(), LatencyProfile.INSTANT, 3, null),
        new SimulatedProvider("beta", new OpenAiSimDialect(), LatencyProfile.INSTANT, 4, null));
    SimulatorServer sims = new SimulatorServer(vertx, providers);
    int simPort = sims.listen(0).await(10, TimeUnit.SECONDS);
    Path dir = Files.createTempDirectory("switchboard-propagation");
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Map<Long, Long> sentMicros = new ConcurrentHashMap<>();
    Map<Long, List<Long>> appliedMicros = new ConcurrentHashMap<>();
    Map<Long, CountDownLatch> arrivals = new ConcurrentHashMap<>();
    List<Node> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < NODES; i++) {
        Path config = dir.resolve("node-" + i + ".yaml");
        Files.writeString(config, config(i, run, url, simPort, dir.resolve("data-" + i)), StandardCharsets.UTF_8);
        nodes.add(launch(config, dir.resolve("node-" + i + ".log"), sentMicros, appliedMicros, arrivals));
      }
      for (Node node : nodes) {
        if (!node.ready.await(120, TimeUnit.SECONDS)) {
          throw new IllegalStateException("a gateway node did not start; see " + dir);
        }
      }
      AtomicLong failed = new AtomicLong();
      AtomicLong answered = new AtomicLong();
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(64));
      long loadTimer = rate <= 0 ? -1 : startLoad(vertx, client, nodes, rate, failed, answered);
      // Let the nodes' JIT settle under the load before measuring (compiler threads compete for the same cores).
      Thread.sleep(TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS));
      List<Double> delays = new ArrayList<>();
      int lost = 0;
      for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
        long tag = 600_000L + round;
        CountDownLatch arrived = new CountDownLatch(NODES); // the sender's "sent" and two "applied"
        arrivals.put(tag, arrived);
        nodes.get(round % NODES).command("eject " + DEPLOYMENT + " " + tag);
        boolean complete = arrived.await(5, TimeUnit.SECONDS);
        Thread.sleep(5);
        Long sent = sentMicros.get(tag);
        if (round < WARM_UP_ROUNDS) {
          continue;
        }
        if (!complete || sent == null) {
          lost++;
          continue;
        }
        for (long applied : appliedMicros.get(tag)) {
          delays.add((applied - sent) / 1000.0);
        }
      }
      if (loadTimer >= 0) {
        vertx.cancelTimer(loadTimer);
      }
      double[] sorted = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      ObjectNode result = Json.object();
      result.put("nodes", NODES).put("processes", true).put("rounds", rounds)
          .put("load_requests_per_second_per_node", rate).put("deliveries", sorted.length)
          .put("lost_rounds", lost).put("p50_ms", pct(sorted, 0.5)).put("p90_ms", pct(sorted, 0.9))
          .put("p99_ms", pct(sorted, 0.99)).put("max_ms", pct(sorted, 1.0))
          .put("load_answered", answered.get()).put("load_failed", failed.get());
      Files.writeString(out, result.toPrettyString(), StandardCharsets.UTF_8);
      System.out.println(String.format(Locale.ROOT,
          "| nodes | load per node | rounds | deliveries | lost | p50 | p90 | p99 | max |%n"
              + "|---|---|---|---|---|---|---|---|---|%n"
              + "| 3 processes | %d req/s | %d | %d | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |",
          rate, rounds, sorted.length, lost, pct(sorted, 0.5), pct(sorted, 0.9), pct(sorted, 0.99),
          pct(sorted, 1.0)));
      System.out.println("load: " + answered.get() + " answered, " + failed.get() + " failed");
    } finally {
      for (Node node : nodes) {
        try {
          node.command("quit");
        } catch (IOException ignored) {
          // already gone
        }
      }
      for (Node node : nodes) {
        if (!node.process.waitFor(15, TimeUnit.SECONDS)) {
          node.process.destroyForcibly();
        }
      }
      sims.close().await(5, TimeUnit.SECONDS);
      vertx.close().await(5, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static String config(int index, String run, String url, int simPort, Path data) {
    return """
        server: {port: 0, event_loops: 1, shutdown_grace_ms: 200}
        cluster:
          node_id: node-%d
          health_channel: "switchboard-bench:%s:health"
          redis: {url: "%s"}
        store: {data_dir: "%s"}
        governance: {table_prefix: bp%s_}
        cache: {enabled: false}
        observability: {enabled: false}
        providers:
          - {name: alpha, type: openai, base_url: "http://127.0.0.1:%d/alpha/v1", api_key: sk-bench-alpha-0001}
          - {name: beta, type: openai, base_url: "http://127.0.0.1:%d/beta/v1", api_key: sk-bench-beta-0002}
        models:
          - name: gpt-4o
            strategy: round-robin
            deployments:
              - {provider: alpha, model: gpt-4o}
              - {provider: beta, model: gpt-4o}
        auth:
          keys:
            - {key: sk-bench-client-0001, name: bench}
        """.formatted(index, run, url, data, run, simPort, simPort);
  }

  private static Node launch(Path config, Path log, Map<Long, Long> sentMicros, Map<Long, List<Long>> appliedMicros,
      Map<Long, CountDownLatch> arrivals) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), ClusterNode.class.getName(), config.toString())
        .redirectError(log.toFile());
    Node node = new Node(builder.start());
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String[] parts = line.split(" ");
          switch (parts[0]) {
            case "ready" -> {
              node.port = Integer.parseInt(parts[1]);
              node.ready.countDown();
            }
            case "sent" -> {
              long tag = Long.parseLong(parts[1]);
              sentMicros.put(tag, Long.parseLong(parts[2]));
              CountDownLatch latch = arrivals.get(tag);
              if (latch != null) {
                latch.countDown();
              }
            }
            case "applied" -> {
              long tag = Long.parseLong(parts[1]);
              appliedMicros.computeIfAbsent(tag, k -> Collections.synchronizedList(new ArrayList<>()))
                  .add(Long.parseLong(parts[2]));
              CountDownLatch latch = arrivals.get(tag);
              if (latch != null) {
                latch.countDown();
              }
            }
            default -> { }
          }
        }
      } catch (IOException ignored) {
        // the node ended
      }
    }, "node-output-" + config.getFileName());
    reader.setDaemon(true);
    reader.start();
    return node;
  }

  /** Open-loop chat requests, {@code rate} per second to each node. */
  private static long startLoad(Vertx vertx, HttpClient client, List<Node> nodes, int rate, AtomicLong failed,
      AtomicLong answered) {
    long start = System.nanoTime();
    long interval = 1_000_000_000L / ((long) rate * nodes.size());
    AtomicLong sent = new AtomicLong();
    return vertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      while (start + sent.get() * interval <= now) {
        Node node = nodes.get((int) (sent.getAndIncrement() % nodes.size()));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
            .setPort(node.port).setURI("/v1/chat/completions").setTimeout(10_000)
            .putHeader("authorization", "Bearer sk-bench-client-0001")
            .putHeader("content-type", "application/json");
        client.request(options).compose(request -> request.send(BODY))
            .compose(response -> response.body().map(body -> response.statusCode()))
            .onComplete(ar -> {
              if (ar.succeeded() && ar.result() == 200) {
                answered.incrementAndGet();
              } else {
                failed.incrementAndGet();
              }
            });
      }
    });
  }

  private static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
