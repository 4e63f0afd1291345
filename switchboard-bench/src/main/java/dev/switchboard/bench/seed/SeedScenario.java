package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.bench.load.LatencyRecorder;
import dev.switchboard.bench.load.LoadClient;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.Gateway;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The seed article's experiment on loopback: three simulated providers (GPT-4o, Claude 3.5 Sonnet and Gemini 1.5
 * Pro latency profiles), the same 50/50 cacheable/uncached workload sent directly and through Switchboard at the
 * same concurrency, the load generator's own ceiling against an instant provider, and a failover phase. Returns
 * the whole result document; {@link SeedReport} turns it into the table.
 */
public final class SeedScenario {
  /**
   * Above this many open requests the client multiplexes over HTTP/2 (cleartext): one process cannot hold more
   * HTTP/1.1 connections than its file limit allows, next to the gateway's own upstream connections.
   */
  static final int HTTP1_LIMIT = 4_000;

  private final SeedSettings settings;
  private final PrintStream out;
  private final PriceSheet prices;

  public SeedScenario(SeedSettings settings, PrintStream out, PriceSheet prices) {
    this.settings = settings;
    this.out = out;
    this.prices = prices;
  }

  public ObjectNode run() throws Exception {
    PromptPool pool = PromptPool.load(settings.data());
    List<SeedProvider> providers = SeedProvider.all();
    List<String> models = SeedProvider.primaries().stream().map(SeedProvider::model).toList();
    out.printf("Seed scenario: %d prompts, %d paraphrase pairs, %d hard-negative pairs; %d requests open%n",
        pool.prompts().size(), pool.paraphrases().size(), pool.hardNegatives().size(), settings.concurrency());
    Progress progress = new Progress(System.err, settings.progress());
    Vertx gatewayVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    Vertx loadVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
    SimChild sims = SimChild.start(settings.seed(), settings.latencyScale());
    Gateway gateway = null;
    try {
      String yaml = SeedGatewayConfig.yaml(providers, sims::root, settings.concurrency(),
          settings.firstByteTimeoutMs());
      GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), name -> null).parse(yaml);
      gateway = Gateway.start(gatewayVertx, config).await(30, TimeUnit.SECONDS);
      LoadClient client = new LoadClient(loadVertx, settings.concurrency(), settings.concurrency() > HTTP1_LIMIT);
      LoadClient control = new LoadClient(loadVertx, 8, false);
      ObjectNode result = Json.object();
      Map<String, String> roots = new LinkedHashMap<>();
      providers.forEach(p -> roots.put(p.name(), sims.root(p.name())));
      Function<Workload.Planned, Future<Outcome>> direct = Callers.direct(client, roots, SeedProvider.primaries());
      Function<Workload.Planned, Future<Outcome>> viaGateway = Callers.gateway(client, gateway.baseUrl(),
          SeedGatewayConfig.CLIENT_KEY);
      ceiling(loadVertx, client, sims, progress);
      ObjectNode warmUp = Json.object();
      measure("warm-up direct", loadVertx, pool, models, direct, progress, warmUp, 99);
      measure("warm-up gateway", loadVertx, pool, models, viaGateway, progress, warmUp, 99);
      result.set("generator_ceiling", ceiling(loadVertx, client, sims, progress));
      ObjectNode phases = result.putObject("phases");
      PhaseStats directStats = measure("direct", loadVertx, pool, models, direct, progress, phases, 0);
      PhaseStats gatewayStats = measure("switchboard", loadVertx, pool, models, viaGateway, progress, phases, 0);
      result.set("overhead_ms", overhead(directStats.uncached(), gatewayStats.uncached()));
      ObjectNode failover = result.putObject("failover");
      SeedProvider victim = SeedProvider.named("openai");
      failover.set("direct", new FailoverPhase(loadVertx, control, sims.controlUrl(), settings, victim)
          .run(workload(pool, models, 1), direct, progress));
      failover.set("switchboard", new FailoverPhase(loadVertx, control, sims.controlUrl(), settings, victim)
          .run(workload(pool, models, 1), viaGateway, progress));
      describe(result, pool, providers);
      client.close();
      control.close();
      return result;
    } finally {
      progress.done();
      if (gateway != null) {
        gateway.close().await(30, TimeUnit.SECONDS);
      }
      sims.close();
      loadVertx.close().await(10, TimeUnit.SECONDS);
      gatewayVertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private Workload workload(PromptPool pool, List<String> models, long salt) {
    return new Workload(pool, models, settings.seed() + salt, 0.5, settings.hardNegativeShare());
  }

  /** The generator's own ceiling: the same concurrency against a provider that answers at once. */
  private ObjectNode ceiling(Vertx vertx, LoadClient client, SimChild sims, Progress progress) throws Exception {
    String url = sims.root(SeedSimulators.INSTANT) + "/v1/chat/completions";
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json")
        .add("authorization", "Bearer sk-sim-instant");
    Buffer body = Buffer.buffer(Json.write(OpenAiProtocol.openAiChat("gpt-4o", "You are a helpful assistant.",
        "How can I improve my time management skills?", Callers.MAX_TOKENS)));
    LatencyRecorder latency = new LatencyRecorder();
    long[] ok = {0};
    ClosedLoop loop = new ClosedLoop(vertx, settings.concurrency(), settings.ceilingMillis(), settings.rampMillis(),
        () -> {
          long start = System.nanoTime();
          return client.post(url, headers, body, Callers.TIMEOUT_MS).onSuccess(reply -> {
            if (reply.ok()) {
              ok[0]++;
              latency.recordNanos(System.nanoTime() - start);
            }
          });
        });
    Future<Long> finished = loop.run();
    progress.phase("ceiling", settings.ceilingMillis(), loop);
    long end = finished.await(settings.ceilingMillis() + 60_000, TimeUnit.MILLISECONDS);
    progress.done();
    ObjectNode json = Json.object();
    json.put("throughput_rps", PhaseStats.round(ok[0] * 1e9 / Math.max(1, end - loop.startNanos())));
    json.put("succeeded", ok[0]);
    json.set("latency_ms", PhaseStats.latency(latency));
    return json;
  }

  private PhaseStats measure(String name, Vertx vertx, PromptPool pool, List<String> models,
      Function<Workload.Planned, Future<Outcome>> caller, Progress progress, ObjectNode phases, long salt)
      throws Exception {
    Workload workload = workload(pool, models, salt);
    PhaseStats stats = new PhaseStats(prices);
    long duration = name.startsWith("warm-up") ? settings.warmUpMillis() : settings.durationMillis();
    ClosedLoop loop = new ClosedLoop(vertx, settings.concurrency(), duration, settings.rampMillis(), () -> {
      Workload.Planned request = workload.next();
      return caller.apply(request).onSuccess(outcome -> {
        workload.completed(request, outcome.ok());
        stats.record(outcome);
      });
    });
    Future<Long> finished = loop.run();
    progress.phase(name, duration, loop);
    long end = finished.await(duration + 120_000, TimeUnit.MILLISECONDS);
    progress.done();
    ObjectNode json = stats.toJson(end - loop.startNanos());
    ObjectNode mix = json.putObject("workload");
    workload.plannedByKind().forEach((kind, count) -> mix.put(kind.name().toLowerCase(java.util.Locale.ROOT),
        count));
    mix.put("cacheable_fallbacks", workload.fallbacks());
    mix.put("rounds", workload.rounds());
    phases.set(name, json);
    return stats;
  }

  static ObjectNode overhead(LatencyRecorder direct, LatencyRecorder gateway) {
    ObjectNode json = Json.object();
    json.put("p50", PhaseStats.round(gateway.percentileMillis(50) - direct.percentileMillis(50)));
    json.put("p99", PhaseStats.round(gateway.percentileMillis(99) - direct.percentileMillis(99)));
    return json;
  }

  private void describe(ObjectNode result, PromptPool pool, List<SeedProvider> providers) {
    ObjectNode config = result.putObject("settings");
    config.put("concurrency", settings.concurrency());
    config.put("duration_ms", settings.durationMillis());
    config.put("warm_up_ms_per_target", settings.warmUpMillis());
    config.put("failover_concurrency", settings.failoverConcurrency());
    config.put("fault_ms", settings.faultMillis());
    config.put("recovery_ms", settings.recoveryMillis());
    config.put("latency_scale", settings.latencyScale());
    config.put("seed", settings.seed());
    config.put("hard_negative_share_of_uncached", settings.hardNegativeShare());
    config.put("gateway_first_byte_timeout_ms", settings.firstByteTimeoutMs());
    ObjectNode data = result.putObject("prompt_pool");
    data.put("prompts", pool.prompts().size());
    data.put("paraphrase_pairs", pool.paraphrases().size());
    data.put("hard_negative_pairs", pool.hardNegatives().size());
    var list = result.putArray("providers");
    for (SeedProvider provider : providers) {
      ObjectNode entry = list.addObject();
      entry.put("name", provider.name());
      entry.put("model", provider.model());
      entry.put("protocol", provider.protocol().simDialect().name());
      entry.put("ttft_p50_ms", provider.latency().ttftP50Ms() * settings.latencyScale());
      entry.put("ttft_p99_ms", provider.latency().ttftP99Ms() * settings.latencyScale());
      PriceSheet.Price price = prices.price(provider.model());
      if (price != null) {
        entry.put("usd_per_1m_input", price.inputPerMillion());
        entry.put("usd_per_1m_output", price.outputPerMillion());
      }
      if (provider.backupFor() != null) {
        entry.put("backup_for", provider.backupFor());
      }
    }
  }
}
