package dev.switchboard.app;

import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorCatalog;
import dev.switchboard.sim.SimulatorServer;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard sim}: run the simulated providers until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run the simulated providers on loopback (default port 9090), one per native protocol.")
final class SimCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", defaultValue = "9090", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for answers and latencies.")
  long seed;

  @Option(names = "--latency-scale", paramLabel = "X", defaultValue = "1.0",
      description = "Multiply every simulated latency (0 = instant; default: ${DEFAULT-VALUE}).")
  double latencyScale;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = ProcessSupport.vertx(Math.max(1, java.lang.Runtime.getRuntime().availableProcessors()));
    SimulatorServer server = new SimulatorServer(vertx, SimulatorCatalog.defaults(seed, latencyScale));
    int actual;
    try {
      actual = server.listen(port).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("switchboard sim: cannot listen on port " + port + ": " + e.getMessage());
      vertx.close();
      return 1;
    }
    System.out.println("Simulated providers on http://127.0.0.1:" + actual + ":");
    for (SimulatedProvider provider : server.providers()) {
      System.out.println("  " + provider.name() + " (" + provider.dialect().name() + ")  http://127.0.0.1:" + actual
          + "/" + provider.name());
    }
    System.out.println("Faults: POST http://127.0.0.1:" + actual
        + "/_sim/providers/{name}/fault  {\"type\":\"status\",\"status\":503}  (DELETE to heal)");
    ProcessSupport.awaitShutdown(() -> {
      server.close();
      vertx.close();
    });
    return 0;
  }
}
