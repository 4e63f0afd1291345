package dev.switchboard.app;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.Gateway;
import dev.switchboard.sim.SimulatorCatalog;
import dev.switchboard.sim.SimulatorServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard demo}: simulators + gateway + a burst of sample traffic, with no API keys. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the simulated providers and the gateway, send sample traffic (plain, streamed, cached, "
        + "failed over), print a summary, and keep serving until interrupted.")
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_KEY = "sk-switchboard-demo";

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--sim-port", paramLabel = "N", defaultValue = "9090",
      description = "Simulators' port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int simPort;

  @Option(names = "--once", description = "Exit after the summary: status 0 only if every sample behaved as expected.")
  boolean once;

  @Option(names = "--latency-scale", paramLabel = "X", defaultValue = "0.1",
      description = "Multiply simulated provider latencies (1 = realistic; default: ${DEFAULT-VALUE}).")
  double latencyScale;

  @Option(names = "--config", paramLabel = "FILE", description = "Demo configuration (default: config/demo.yaml).")
  Path config;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = ProcessSupport.vertx(Math.max(2, java.lang.Runtime.getRuntime().availableProcessors()));
    SimulatorServer sims = new SimulatorServer(vertx, SimulatorCatalog.defaults(42, latencyScale));
    int actualSimPort;
    try {
      actualSimPort = sims.listen(simPort).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("switchboard demo: the simulators cannot listen on port " + simPort + " ("
          + e.getMessage() + "); try --sim-port 0");
      vertx.close();
      return 1;
    }
    String simUrl = "http://127.0.0.1:" + actualSimPort;
    GatewayConfig gatewayConfig = loadConfig(simUrl).withPort(port);
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, gatewayConfig).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("switchboard demo: the gateway cannot start on port " + port + " (" + e.getMessage()
          + "); try --port 0");
      vertx.close();
      return 1;
    }
    List<DemoTraffic.Result> results = new DemoTraffic(new DemoClient(gateway.baseUrl(), DEMO_KEY), simUrl).run();
    boolean allOk = DemoSummary.print(System.out, results, gateway.baseUrl(), simUrl, DEMO_KEY);
    if (once) {
      gateway.close().await(10, TimeUnit.SECONDS);
      sims.close().await(5, TimeUnit.SECONDS);
      vertx.close().await(5, TimeUnit.SECONDS);
      return allOk ? 0 : 1;
    }
    System.out.println("Serving until interrupted (Ctrl-C).");
    ProcessSupport.awaitShutdown(() -> {
      try {
        gateway.close().await(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // stopping anyway
      }
      sims.close();
      vertx.close();
    });
    return 0;
  }

  private GatewayConfig loadConfig(String simUrl) {
    ConfigLoader loader = new ConfigLoader(ProviderRegistry.builtIn().types(),
        ConfigFiles.environmentWith(Map.of("SWITCHBOARD_SIM_URL", simUrl)));
    if (config != null) {
      return loader.load(config);
    }
    Path local = Path.of("config", "demo.yaml");
    return Files.isRegularFile(local) ? loader.load(local) : loader.loadResource("config/demo.yaml");
  }
}
