package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seed experiment's simulated providers, run as a child process of the benchmark (so that the providers'
 * sockets do not count against the benchmark process's file limit, as a remote provider's would not). Each
 * provider gets its own port (a "refuse" fault then really refuses connections), plus an instant provider for
 * measuring the load generator's own ceiling, and a shared port for fault control. Prints one JSON line with the
 * ports, then serves until its standard input closes.
 *
 * <p>Arguments: {@code seed latencyScale}.
 */
public final class SeedSimulators {
  static final String INSTANT = "instant";

  private SeedSimulators() {}

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    List<SimulatedProvider> providers = new ArrayList<>();
    for (SeedProvider provider : SeedProvider.all()) {
      LatencyProfile latency = scale <= 0 ? LatencyProfile.INSTANT : provider.latency().scaled(scale);
      providers.add(new SimulatedProvider(provider.name(), provider.protocol().simDialect(), latency, seed, null));
    }
    providers.add(new SimulatedProvider(INSTANT, new OpenAiSimDialect(), LatencyProfile.INSTANT, seed, null));
    SimulatorServer server = new SimulatorServer(vertx, providers);
    ObjectNode ports = Json.object();
    ports.put("control", server.listen(0).await(10, TimeUnit.SECONDS));
    ObjectNode dedicated = ports.putObject("providers");
    for (SimulatedProvider provider : providers) {
      dedicated.put(provider.name(), server.listenDedicated(provider.name(), 0).await(10, TimeUnit.SECONDS));
    }
    System.out.println(Json.writeString(ports));
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the parent closes our input (or goes away)
    }
    server.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
    System.exit(0);
  }
}
