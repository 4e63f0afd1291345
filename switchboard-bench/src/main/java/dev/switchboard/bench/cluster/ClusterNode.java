package dev.switchboard.bench.cluster;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.routing.HealthEvent;
import dev.switchboard.core.routing.RoutingRuntime;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.Gateway;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One gateway node of {@link ProcessPropagationBenchmark}, in its own JVM. Starts a gateway from a configuration
 * file and talks over stdin/stdout:
 * <ul>
 *   <li>prints {@code ready <port>} once it serves and has joined the cluster;</li>
 *   <li>on {@code eject <deployment> <millis>} prints {@code sent <millis> <epoch-micros>} and ejects the
 *   deployment (which publishes the ejection);</li>
 *   <li>prints {@code applied <millis> <epoch-micros>} when an ejection from another node has been applied, that
 *   is from when this node skips the deployment;</li>
 *   <li>exits on {@code quit} or end of input.</li>
 * </ul>
 * All nodes run on one machine, so wall-clock microseconds of different processes are comparable.
 */
public final class ClusterNode {
  private ClusterNode() {}

  public static void main(String[] args) throws Exception {
    String yaml = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), System.getenv()).parse(yaml);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.server().eventLoops())
        .setPreferNativeTransport(true));
    Gateway gateway = Gateway.start(vertx, config).await(60, TimeUnit.SECONDS);
    RoutingRuntime routing = gateway.services().routing();
    String self = routing.nodeId();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    routing.onHealthEvent(event -> {
      if (HealthEvent.EJECT.equals(event.type()) && !self.equals(event.node())) {
        long micros = epochMicros();
        out.println("applied " + event.millis() + " " + micros);
      }
    });
    out.println("ready " + gateway.port());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 3 && parts[0].equals("eject")) {
        long millis = Long.parseLong(parts[2]);
        long micros = epochMicros();
        routing.eject(parts[1], millis);
        out.println("sent " + millis + " " + micros);
      }
    }
    gateway.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
