package dev.switchboard.server;

import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.config.ConfigException;
import dev.switchboard.core.governance.AdminAuthenticator;
import dev.switchboard.core.governance.Governance;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.http.Route;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A running gateway: one verticle per event loop sharing one port, and their shared services. */
public final class Gateway {
  private final Vertx vertx;
  private final GatewayServices services;
  private final int port;
  private final int adminPort;
  private final List<GatewayVerticle> verticles = new CopyOnWriteArrayList<>();
  private final AtomicBoolean ready = new AtomicBoolean();
  private String deploymentId;
  private Future<Void> closing;

  private Gateway(Vertx vertx, GatewayServices services, int port, int adminPort) {
    this.vertx = vertx;
    this.services = services;
    this.port = port;
    this.adminPort = adminPort;
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config) {
    return start(vertx, config, Clock.system(), Randomness.system());
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Clock clock, Randomness randomness) {
    return start(vertx, config, clock, randomness, System.getenv());
  }

  /** {@code environment} supplies SWITCHBOARD_ADMIN_KEY and SWITCHBOARD_MASTER_KEY (tests pass their own). */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Clock clock, Randomness randomness,
      Map<String, String> environment) {
    ProviderRegistry registry = ProviderRegistry.builtIn();
    List<String> problems = registry.validate(config.providers());
    if (!problems.isEmpty()) {
      return Future.failedFuture(new ConfigException(problems));
    }
    AdminAuthenticator adminAuth;
    try {
      adminAuth = AdminAuthenticator.fromEnvironment(environment, config.observability().adminKey());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    return Governance.start(vertx, config, clock, environment, adminAuth).compose(governance -> {
      GatewayServices services = new GatewayServices(config, clock, randomness, registry, governance);
      int port = config.server().port() == 0 ? freePort(config.server().host()) : config.server().port();
      Integer admin = config.server().adminPort();
      int adminPort = admin == null ? -1 : admin == 0 ? freePort(config.server().host()) : admin;
      Gateway gateway = new Gateway(vertx, services, port, adminPort);
      return Future.fromCompletionStage(services.observability().migrate())
          .compose(ignored -> gateway.deploy()).compose(ignored -> gateway.joinCluster()).map(gateway).onFailure(error -> governance.close());
    });
  }

  private Future<Void> deploy() {
    int instances = services.config().server().eventLoops();
    return vertx.deployVerticle(() -> {
      GatewayVerticle verticle = new GatewayVerticle(services, ready::get, port, adminPort);
      verticles.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(instances)).map(id -> {
      deploymentId = id;
      ready.set(true);
      return null;
    });
  }

  /** With {@code cluster.redis}, shares health with the other nodes; Redis being down never stops the start. */
  private Future<Void> joinCluster() {
    return services.routing().joinCluster(vertx).otherwise((Void) null);
  }

  public int port() {
    return port;
  }

  /** The separate admin port, or -1 when admin routes are served on {@link #port()}. */
  public int adminPort() {
    return adminPort;
  }

  /** Where the admin API listens: the admin port when configured, else the main port. */
  public String adminBaseUrl() {
    return "http://" + services.config().server().host() + ":" + (adminPort > 0 ? adminPort : port);
  }

  /** The admin port's routes (empty when admin routes share the main port). */
  public List<Route> adminRoutes() {
    return verticles.isEmpty() ? List.of() : verticles.get(0).adminRoutes();
  }

  public String baseUrl() {
    return "http://" + services.config().server().host() + ":" + port;
  }

  public GatewayServices services() {
    return services;
  }

  /** The HTTP routes every event loop serves (identical on each). */
  public List<Route> routes() {
    return verticles.isEmpty() ? List.of() : verticles.get(0).routes().routes();
  }

  /** Graceful stop: readiness turns false, in-flight requests get the configured grace period, then undeploy. */
  public synchronized Future<Void> close() {
    if (closing != null) {
      return closing;
    }
    ready.set(false);
    long grace = services.config().server().shutdownGraceMs();
    List<Future<Void>> draining = new ArrayList<>();
    for (GatewayVerticle verticle : verticles) {
      draining.add(verticle.drain(grace));
    }
    closing = Future.join(draining).transform(ignored -> {
      services.routing().close();
      return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    }).eventually(() -> vertx.executeBlocking(() -> {
      services.observability().close();
      if (services.governance() != null) {
        services.governance().close();
      }
      return null;
    }).transform(ignored -> services.close()));
    return closing;
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host, e);
    }
  }
}
