package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.Gateway;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end cost of recording: two gateways in one process (each on its own single event loop) in front of
 * the same instant simulator, one with
 * {@code observability.enabled: true} (request log in SQLite, metrics, cost) and one with it off, driven in
 * alternating closed-loop rounds. Prints and writes (JSON) throughput and latency for each, and the difference
 * in mean latency per request. Usage: {@code RecordingOverheadBench [connections] [seconds] [rounds] [out.json]}.
 */
public final class RecordingOverheadBench {
  private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
      + "\"What is the capital of France?\"}]}";

  private RecordingOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path out = Path.of(args.length > 3 ? args[3] : "results-recording-overhead.json");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    SimulatorServer sims = new SimulatorServer(vertx,
        List.of(new SimulatedProvider("sim", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)));
    int simPort = sims.listen(0).await(10, TimeUnit.SECONDS);
    Vertx offVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Vertx onVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Gateway off = gateway(offVertx, simPort, false);
    Gateway on = gateway(onVertx, simPort, true);
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
    for (int warm = 0; warm < 3; warm++) {
      run(client, off.port(), connections, 4);
      run(client, on.port(), connections, 4);
    }
    ArrayNode results = Json.array();
    double offMeanSum = 0;
    double onMeanSum = 0;
    for (int round = 0; round < rounds; round++) {
      ObjectNode offResult = run(client, off.port(), connections, seconds).put("recording", "off").put("round", round);
      ObjectNode onResult = run(client, on.port(), connections, seconds).put("recording", "on").put("round", round);
      results.add(offResult);
      results.add(onResult);
      offMeanSum += offResult.path("mean_us").asDouble();
      onMeanSum += onResult.path("mean_us").asDouble();
      System.out.printf("round %d  off: %s%n          on:  %s%n", round, offResult, onResult);
    }
    ObjectNode summary = Json.object().put("connections", connections).put("seconds", seconds).put("rounds", rounds)
        .put("mean_us_off", offMeanSum / rounds).put("mean_us_on", onMeanSum / rounds)
        .put("added_us_per_request", (onMeanSum - offMeanSum) / rounds);
    summary.set("runs", results);
    Files.writeString(out, Json.writeString(summary));
    System.out.printf("added latency per request (mean of %d rounds): %.1f us%n", rounds,
        (onMeanSum - offMeanSum) / rounds);
    on.close().await(10, TimeUnit.SECONDS);
    off.close().await(10, TimeUnit.SECONDS);
    onVertx.close().await(5, TimeUnit.SECONDS);
    offVertx.close().await(5, TimeUnit.SECONDS);
    sims.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Gateway gateway(Vertx vertx, int simPort, boolean recording) throws Exception {
    Path data = Files.createTempDirectory("sb-overhead");
    String yaml = """
        server:
          port: 0
          event_loops: 1
        providers:
          - name: sim
            type: openai
            base_url: http://127.0.0.1:%d/sim/v1
            api_key: sk-bench-provider
        models:
          - name: gpt-4o
            deployments:
              - provider: sim
                model: gpt-4o
        auth:
          keys:
            - key: sk-bench-client
              name: bench
              team: bench
        store:
          data_dir: %s
        observability:
          enabled: %s
        """.formatted(simPort, data, recording);
    GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), Map.of()).parse(yaml);
    return Gateway.start(vertx, config).await(20, TimeUnit.SECONDS);
  }

  /** Closed loop: each connection sends its next request when the previous answer arrives. */
  private static ObjectNode run(HttpClient client, int port, int connections, int seconds) throws Exception {
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI("/v1/chat/completions").putHeader("authorization", "Bearer sk-bench-client")
        .putHeader("content-type", "application/json");
    Buffer body = Buffer.buffer(BODY);
    Promise<Void> finished = Promise.promise();
    AtomicLong active = new AtomicLong(connections);
    long started = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      loop(client, options, body, histogram, done, errors, running, active, finished);
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    running.set(false);
    finished.future().await(20, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - started) / 1e9;
    synchronized (histogram) {
      return Json.object().put("requests", done.get()).put("errors", errors.get())
          .put("rps", done.get() / elapsed).put("mean_us", histogram.getMean() / 1000)
          .put("p50_us", histogram.getValueAtPercentile(50) / 1000.0)
          .put("p99_us", histogram.getValueAtPercentile(99) / 1000.0);
    }
  }

  private static void loop(HttpClient client, RequestOptions options, Buffer body, Histogram histogram,
      AtomicLong done, AtomicLong errors, AtomicBoolean running, AtomicLong active, Promise<Void> finished) {
    if (!running.get()) {
      if (active.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    long sent = System.nanoTime();
    Future<Buffer> call = client.request(options).compose(request -> request.send(body)
        .compose(response -> response.body().map(b -> {
          if (response.statusCode() != 200) {
            errors.incrementAndGet();
          }
          return b;
        })));
    call.onComplete(result -> {
      long took = System.nanoTime() - sent;
      if (result.failed()) {
        errors.incrementAndGet();
      } else {
        synchronized (histogram) {
          histogram.recordValue(Math.min(took, histogram.getHighestTrackableValue()));
        }
        done.incrementAndGet();
      }
      loop(client, options, body, histogram, done, errors, running, active, finished);
    });
  }
}
