package dev.switchboard.server;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts simulated providers and a gateway on ephemeral loopback ports for integration tests. The config text may
 * use {@code ${SIM}} for the simulators' base URL.
 */
public final class GatewayHarness implements AutoCloseable {
  public static final String CLIENT_KEY = "sk-test-client-0001";

  private final Vertx vertx;
  private final SimulatorServer sims;
  private final Gateway gateway;
  private final String simUrl;

  private GatewayHarness(Vertx vertx, SimulatorServer sims, Gateway gateway, String simUrl) {
    this.vertx = vertx;
    this.sims = sims;
    this.gateway = gateway;
    this.simUrl = simUrl;
  }

  /** Two instant OpenAI simulators, "primary" and "backup", behind models gpt-4o (with failover) and text-embed. */
  public static GatewayHarness standard() throws Exception {
    return start(List.of(
        new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null),
        new SimulatedProvider("backup", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)),
        STANDARD_CONFIG);
  }

  public static GatewayHarness start(List<SimulatedProvider> providers, String configYaml) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    SimulatorServer sims = new SimulatorServer(vertx, providers);
    int simPort = sims.listen(0).await(10, TimeUnit.SECONDS);
    String simUrl = "http://127.0.0.1:" + simPort;
    GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), Map.of("SIM", simUrl))
        .parse(configYaml);
    Gateway gateway = Gateway.start(vertx, config).await(10, TimeUnit.SECONDS);
    return new GatewayHarness(vertx, sims, gateway, simUrl);
  }

  public static final String STANDARD_CONFIG = """
      server:
        port: 0
        event_loops: 2
        max_body_bytes: 65536
        shutdown_grace_ms: 3000
        timeouts:
          connect_ms: 1000
          first_byte_ms: 1500
          total_ms: 5000
          stream_idle_ms: 1500
      providers:
        - name: primary
          type: openai
          base_url: ${SIM}/primary/v1
          api_key: sk-provider-primary-secret-0001
        - name: backup
          type: openai
          base_url: ${SIM}/backup/v1
          api_key: sk-provider-backup-secret-0002
      models:
        - name: gpt-4o
          deployments:
            - provider: primary
              model: gpt-4o
            - provider: backup
              model: gpt-4o
              priority: 1
        - name: solo
          deployments:
            - provider: primary
              model: gpt-4o-mini
        - name: text-embedding-3-small
          deployments:
            - provider: primary
              model: text-embedding-3-small
      routing:
        retry:
          max_attempts: 2
          base_backoff_ms: 10
      auth:
        keys:
          - key: sk-test-client-0001
            name: tests
      cache:
        enabled: false
      """;

  public String baseUrl() {
    return gateway.baseUrl();
  }

  public String simUrl() {
    return simUrl;
  }

  public SimulatorServer sims() {
    return sims;
  }

  public Gateway gateway() {
    return gateway;
  }

  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() throws Exception {
    for (SimulatedProvider provider : sims.providers()) {
      provider.heal();
    }
    gateway.close().await(10, TimeUnit.SECONDS);
    sims.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }
}
