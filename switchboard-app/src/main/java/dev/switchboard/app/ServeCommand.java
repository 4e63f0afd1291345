package dev.switchboard.app;

import dev.switchboard.core.config.ConfigException;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.server.Gateway;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard serve}: run the gateway until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway (default port 8080; embedded defaults unless --config is given).")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (overrides the configuration).")
  Integer port;

  @Override
  public Integer call() {
    GatewayConfig loaded;
    try {
      loaded = ConfigFiles.load(config, ConfigFiles.environmentWith(Map.of()));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    GatewayConfig effective = port != null ? loaded.withPort(port) : loaded;
    Vertx vertx = ProcessSupport.vertx(effective.server().eventLoops());
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, effective).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("switchboard: could not start: " + e.getMessage());
      vertx.close();
      return 1;
    }
    System.out.println("Switchboard listening on " + gateway.baseUrl() + " ("
        + effective.models().size() + " models, " + effective.providers().size() + " providers, "
        + (vertx.isNativeTransportEnabled() ? "epoll" : "nio") + " transport)");
    ProcessSupport.awaitShutdown(() -> {
      try {
        gateway.close().await(effective.server().shutdownGraceMs() + 5_000, TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // shutting down regardless
      }
      vertx.close();
    });
    return 0;
  }
}
