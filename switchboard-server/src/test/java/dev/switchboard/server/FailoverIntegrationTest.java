package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.sim.Fault;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three simulated providers on their own ports behind one model; one dies (refused, 503, hang, stream cut) while
 * clients keep sending concurrently. No client request may fail.
 */
class FailoverIntegrationTest {
  private static final String CLIENT_KEY = "sk-test-client-0001";
  private static final String ADMIN_KEY = "failover-admin-key-0001";
  private static final int CONCURRENCY = 12;
  private static final int TOTAL = 240;
  private static final int KILL_AFTER = 60;

  private Vertx vertx;
  private SimulatorServer sims;
  private Gateway gateway;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<SimulatedProvider> providers = new ArrayList<>();
    for (String name : List.of("alpha", "beta", "gamma")) {
      providers.add(new SimulatedProvider(name, new OpenAiSimDialect(), LatencyProfile.INSTANT, 11, null));
    }
    sims = new SimulatorServer(vertx, providers);
    Map<String, String> env = new java.util.HashMap<>();
    for (String name : List.of("alpha", "beta", "gamma")) {
      int port = sims.listenDedicated(name, 0).await(10, TimeUnit.SECONDS);
      env.put(name.toUpperCase(java.util.Locale.ROOT), "http://127.0.0.1:" + port + "/v1");
    }
    GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), env).parse(CONFIG);
    gateway = Gateway.start(vertx, config).await(10, TimeUnit.SECONDS);
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(CONCURRENCY * 2));
  }

  @AfterEach
  void stop() throws Exception {
    for (SimulatedProvider provider : sims.providers()) {
      provider.heal();
    }
    client.close().await(5, TimeUnit.SECONDS);
    gateway.close().await(10, TimeUnit.SECONDS);
    sims.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static final String CONFIG = """
      server:
        port: 0
        event_loops: 2
        shutdown_grace_ms: 1000
        timeouts: {connect_ms: 1000, first_byte_ms: 2000, total_ms: 8000, stream_idle_ms: 2000}
      providers:
        - {name: alpha, type: openai, base_url: "${ALPHA}", api_key: sk-provider-alpha-0001}
        - {name: beta, type: openai, base_url: "${BETA}", api_key: sk-provider-beta-0002}
        - {name: gamma, type: openai, base_url: "${GAMMA}", api_key: sk-provider-gamma-0003}
      models:
        - name: gpt-4o
          strategy: round-robin
          deployments:
            - {provider: alpha, model: gpt-4o}
            - {provider: beta, model: gpt-4o}
            - {provider: gamma, model: gpt-4o}
      routing:
        retry: {max_attempts: 3, base_backoff_ms: 10}
        health: {consecutive_failures: 3, base_ejection_ms: 60000, max_ejection_percent: 34}
        hedge: {min_delay_ms: 50, min_samples: 20}
      auth:
        keys:
          - {key: sk-test-client-0001, name: tests}
      cache:
        enabled: false
      observability:
        admin_key: failover-admin-key-0001
      """;

  @Test
  void refused_providerDiesUnderLoad_noClientRequestFails() throws Exception {
    assertNoFailures(load(false, () -> sims.provider("beta").fault(Fault.refuse())));
    assertThat(gateway.services().routing().health().isEjected("beta/gpt-4o")).isTrue();
  }

  @Test
  void status503_providerDiesUnderLoad_noClientRequestFailsAndItIsEjected() throws Exception {
    assertNoFailures(load(false, () -> sims.provider("beta").fault(Fault.status(503, 0))));
    long afterEjection = sims.provider("beta").requestCount();
    assertThat(gateway.services().routing().health().isEjected("beta/gpt-4o")).isTrue();
    assertNoFailures(load(false, () -> { }));
    assertThat(sims.provider("beta").requestCount()).isEqualTo(afterEjection);
  }

  @Test
  void hang_providerStopsAnswering_noClientRequestFails() throws Exception {
    assertNoFailures(load(false, () -> sims.provider("beta").fault(Fault.hang())));
    assertThat(gateway.services().routing().health().isEjected("beta/gpt-4o")).isTrue();
  }

  @Test
  void streamCutBeforeFirstEvent_failsOverTransparently() throws Exception {
    assertNoFailures(load(true, () -> sims.provider("beta").fault(Fault.cutStream(0))));
  }

  @Test
  void streamCutMidway_clientGetsErrorEventAndProviderIsEjected() throws Exception {
    sims.provider("beta").fault(Fault.cutStream(2));
    List<Result> results = load(true, () -> { });
    List<Result> cut = results.stream().filter(r -> !r.body.contains("[DONE]")).toList();
    assertThat(cut).isNotEmpty().allSatisfy(r -> assertThat(r.body).contains("\"error\""));
    // Only streams already sent to it when it was ejected (3 failures + what was in flight) can be cut.
    assertThat(cut.size()).isLessThanOrEqualTo(3 + CONCURRENCY);
    assertThat(results.subList(TOTAL - 100, TOTAL)).allSatisfy(r -> assertThat(r.body).contains("[DONE]"));
    assertThat(gateway.services().routing().health().isEjected("beta/gpt-4o")).isTrue();
  }

  @Test
  void adminHealth_afterEjection_showsTheMap() throws Exception {
    load(false, () -> sims.provider("beta").fault(Fault.status(500, 0)));
    Result health = OnLoop.await(vertx, () -> send(HttpMethod.GET, "/admin/health", null, ADMIN_KEY), 10);
    assertThat(health.status).isEqualTo(200);
    assertThat(health.body).contains("\"id\":\"beta/gpt-4o\"", "\"state\":\"ejected\"", "\"fingerprint\"")
        .doesNotContain("sk-provider");
    Result anonymous = OnLoop.await(vertx, this::sendWithoutKey, 10);
    assertThat(anonymous.status).isEqualTo(401);
    Result client = OnLoop.await(vertx, () -> send(HttpMethod.GET, "/admin/health", null), 10);
    assertThat(client.status).isEqualTo(401);
  }

  private record Result(int status, String body, String route) {}

  private static void assertNoFailures(List<Result> results) {
    assertThat(results).hasSize(TOTAL);
    List<Result> failed = results.stream()
        .filter(r -> r.status != 200 || r.body.contains("\"error\"") || !(r.body.contains("chat.completion")))
        .toList();
    assertThat(failed).as("failed client requests").isEmpty();
  }

  /** Sends TOTAL requests, CONCURRENCY at a time; runs {@code kill} once KILL_AFTER have completed. */
  private List<Result> load(boolean stream, Runnable kill) throws Exception {
    ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    String body = "{\"model\":\"gpt-4o\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the failover test.\"}]}";
    Runnable[] worker = new Runnable[1];
    worker[0] = () -> {
      if (issued.incrementAndGet() > TOTAL) {
        return;
      }
      send(HttpMethod.POST, "/v1/chat/completions", body).onComplete(ar -> {
        results.add(ar.succeeded() ? ar.result() : new Result(-1, String.valueOf(ar.cause()), null));
        int count = completed.incrementAndGet();
        if (count == KILL_AFTER) {
          kill.run();
        }
        if (count == TOTAL) {
          done.tryComplete();
        } else {
          worker[0].run();
        }
      });
    };
    vertx.runOnContext(v -> {
      for (int i = 0; i < CONCURRENCY; i++) {
        worker[0].run();
      }
    });
    done.future().await(120, TimeUnit.SECONDS);
    return new ArrayList<>(results);
  }

  private Future<Result> send(HttpMethod method, String path, String body) {
    return send(method, path, body, CLIENT_KEY);
  }

  private Future<Result> send(HttpMethod method, String path, String body, String key) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(gateway.port())
        .setURI(path).putHeader("authorization", "Bearer " + key).setTimeout(15_000);
    if (body != null) {
      options.putHeader("content-type", "application/json");
    }
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Result(response.statusCode(), b.toString(),
            response.getHeader("x-switchboard-route"))));
  }

  private Future<Result> sendWithoutKey() {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(gateway.port()).setURI("/admin/health").setTimeout(15_000);
    return client.request(options).compose(request -> request.send())
        .compose(response -> response.body().map(b -> new Result(response.statusCode(), b.toString(), null)));
  }
}
