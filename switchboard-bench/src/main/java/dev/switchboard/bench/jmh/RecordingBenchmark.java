package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ObservabilityConfig;
import dev.switchboard.core.observe.AccessLogFilter;
import dev.switchboard.core.observe.AttemptRecord;
import dev.switchboard.core.observe.GatewayMetrics;
import dev.switchboard.core.observe.RequestLog;
import dev.switchboard.core.observe.RequestLogStore;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.store.Database;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import dev.switchboard.core.usage.PriceCatalog;
import dev.switchboard.core.usage.TokenEstimator;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageFilter;
import io.vertx.core.MultiMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The request path's cost of recording: one simulated request (exchange, attempt, usage, response) with the
 * access-log and usage filters ({@code recording=on}) or without them ({@code off}), in the same run. Each
 * request also burns {@code work} CPU tokens standing in for the rest of the gateway, so the arrival rate stays
 * realistic and the request log's writer thread (SQLite store, metrics, sampling) runs beside it on the same cores.
 * The difference between the two scores is the added cost per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseParallelGC"})
public class RecordingBenchmark {
  @Param({"off", "on"})
  public String recording;

  @Param({"20000"})
  public int work;

  private final Clock clock = Clock.system();
  private final MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json");
  private final Principal principal = new Principal("key-1", "bench", "platform", null, null, null);
  private final AttemptRecord attempt = new AttemptRecord("openai-main", "d1", "gpt-4o", 200, "ok", 1_000_000, false);
  private ObjectNode body;
  private ObjectNode response;
  private Path dir;
  private Database database;
  private RequestLog log;
  private AccessLogFilter access;
  private UsageFilter usage;
  private long counter;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    body = (ObjectNode) Json.parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":"
        + "\"You are terse.\"},{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}");
    response = (ObjectNode) Json.parse("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":2,"
        + "\"total_tokens\":26}}");
    dir = Files.createTempDirectory("sb-recording-bench");
    database = Database.sqlite(dir.resolve("requests.db"));
    RequestLogStore store = new RequestLogStore(database);
    store.migrate().get();
    ObservabilityConfig config = ObservabilityConfig.defaults();
    log = new RequestLog(store, dir.resolve("spool"), config, clock, Randomness.system());
    GatewayMetrics metrics = new GatewayMetrics();
    log.subscribe(metrics);
    access = new AccessLogFilter(log, clock, metrics.inFlight());
    TokenEstimator estimator = new TokenEstimator();
    estimator.awaitLoaded(120_000);
    usage = new UsageFilter(PriceCatalog.load(List.of()), estimator, Map.of("openai-main", "openai"));
  }

  @TearDown(Level.Iteration)
  public void drain() {
    log.awaitIdle(60_000);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    log.close();
    database.close();
  }

  @Benchmark
  public Object request() {
    boolean on = "on".equals(recording);
    Exchange exchange = new Exchange("req-" + (counter++), clock.nanoTime(), clock.epochMillis(),
        Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI, headers, body);
    exchange.principal(principal);
    if (on) {
      access.onRequest(exchange);
    }
    Blackhole.consumeCPU(work);
    exchange.record().addAttempt(attempt);
    exchange.record().provider = "openai-main";
    exchange.record().deployment = "d1";
    exchange.record().servedModel = "gpt-4o";
    exchange.record().usage = Usage.fromOpenAi(response.get("usage"));
    GatewayResponse answer = GatewayResponse.ok(response);
    if (on) {
      answer = usage.onResponse(exchange, answer);
      answer = access.onResponse(exchange, answer);
      access.onComplete(exchange);
    }
    return answer;
  }
}
