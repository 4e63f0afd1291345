package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorBody;
import dev.switchboard.api.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves simulated providers on loopback. On the shared port each provider lives under {@code /{name}/...};
 * a provider can also get a dedicated port, where a "refuse" fault really closes the listener. Faults are set
 * through {@link SimulatedProvider#fault} or {@code POST /_sim/providers/{name}/fault}.
 */
public final class SimulatorServer {
  private final Vertx vertx;
  private final Map<String, SimulatedProvider> providers = new LinkedHashMap<>();
  private final Map<String, DedicatedListener> dedicated = new ConcurrentHashMap<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private final String host;

  public SimulatorServer(Vertx vertx, List<SimulatedProvider> providers) {
    this(vertx, providers, "127.0.0.1");
  }

  public SimulatorServer(Vertx vertx, List<SimulatedProvider> providers, String host) {
    this.vertx = vertx;
    this.host = host;
    for (SimulatedProvider provider : providers) {
      this.providers.put(provider.name(), provider);
    }
  }

  public SimulatedProvider provider(String name) {
    SimulatedProvider provider = providers.get(name);
    if (provider == null) {
      throw new IllegalArgumentException("no simulated provider named " + name);
    }
    return provider;
  }

  public List<SimulatedProvider> providers() {
    return List.copyOf(providers.values());
  }

  /** Listens on the shared port (0 picks a free one); the future gives the actual port. */
  public Future<Integer> listen(int port) {
    HttpServer server = vertx.createHttpServer(options());
    server.requestHandler(this::handleShared);
    servers.add(server);
    return server.listen(port, host).map(HttpServer::actualPort);
  }

  /** Gives {@code providerName} its own port, serving its paths without a prefix. */
  public Future<Integer> listenDedicated(String providerName, int port) {
    SimulatedProvider provider = provider(providerName);
    DedicatedListener listener = new DedicatedListener(provider, port);
    dedicated.put(providerName, listener);
    provider.onFaultChange(listener::applyFault);
    return listener.open();
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (HttpServer server : servers) {
      closing.add(server.close());
    }
    for (DedicatedListener listener : dedicated.values()) {
      closing.add(listener.close());
    }
    return Future.join(closing).mapEmpty();
  }

  private HttpServerOptions options() {
    return new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0).setReuseAddress(true);
  }

  private void handleShared(HttpServerRequest request) {
    String path = request.path();
    if (path.startsWith("/_sim/")) {
      control(request, path.substring("/_sim".length()));
      return;
    }
    int second = path.indexOf('/', 1);
    String name = second < 0 ? path.substring(1) : path.substring(1, second);
    SimulatedProvider provider = providers.get(name);
    if (provider == null) {
      notFound(request, "no simulated provider at " + path);
      return;
    }
    serve(request, provider, second < 0 ? "/" : path.substring(second));
  }

  void serve(HttpServerRequest request, SimulatedProvider provider, String subPath) {
    provider.countRequest();
    Fault fault = provider.fault();
    switch (fault.type()) {
      case REFUSE, RESET -> {
        request.connection().close();
        return;
      }
      case HANG -> {
        return;
      }
      case STATUS -> {
        request.body().onComplete(ignored -> {
          if (fault.retryAfterSeconds() > 0) {
            request.response().putHeader("retry-after", Integer.toString(fault.retryAfterSeconds()));
          }
          JsonNode body = provider.dialect().errorBody(fault.status(), "Simulated failure (HTTP " + fault.status()
              + ").");
          provider.dialect().errorHeaders(fault.status()).forEach(request.response()::putHeader);
          request.response().setStatusCode(fault.status()).putHeader("content-type", "application/json")
              .end(Buffer.buffer(Json.write(body)));
        });
        return;
      }
      default -> {
        // NONE, CUT_STREAM, MALFORMED and SLOW are applied while answering.
      }
    }
    SimRoute route = provider.dialect().route(request.method(), subPath);
    if (route == null) {
      notFound(request, "Unknown route " + request.method() + " " + subPath + " for the "
          + provider.dialect().name() + " simulator.");
      return;
    }
    request.body().onSuccess(body -> {
      provider.recordBody(body.toString());
      route.handle(new SimCall(vertx, request, body, provider, subPath, fault));
    });
  }

  private void control(HttpServerRequest request, String path) {
    if (path.equals("/providers") && request.method() == HttpMethod.GET) {
      ArrayNode list = Json.array();
      for (SimulatedProvider provider : providers.values()) {
        ObjectNode entry = list.addObject();
        entry.put("name", provider.name());
        entry.put("dialect", provider.dialect().name());
        entry.put("requests", provider.requestCount());
        entry.put("fault", provider.fault().type().name().toLowerCase(Locale.ROOT));
      }
      request.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(list)));
      return;
    }
    String[] parts = path.split("/");
    if (parts.length == 4 && parts[1].equals("providers") && parts[3].equals("fault")
        && providers.containsKey(parts[2])) {
      SimulatedProvider provider = providers.get(parts[2]);
      if (request.method() == HttpMethod.DELETE) {
        provider.heal();
        request.response().setStatusCode(204).end();
        return;
      }
      if (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT) {
        request.body().onSuccess(body -> {
          try {
            provider.fault(FaultParser.parse(Json.parse(body.getBytes())));
            request.response().setStatusCode(204).end();
          } catch (Exception e) {
            request.response().setStatusCode(400).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.write(ErrorBody.of("bad fault: " + e.getMessage(),
                    "invalid_request_error", null, null))));
          }
        });
        return;
      }
    }
    notFound(request, "unknown control route " + path);
  }

  private static void notFound(HttpServerRequest request, String message) {
    request.response().setStatusCode(404).putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.write(ErrorBody.of(message, "invalid_request_error", null, "not_found"))));
  }

  /** A provider's own port; closed while the provider is told to refuse connections. */
  private final class DedicatedListener {
    private final SimulatedProvider provider;
    private int port;
    private HttpServer server;

    DedicatedListener(SimulatedProvider provider, int port) {
      this.provider = provider;
      this.port = port;
    }

    Future<Integer> open() {
      HttpServer created = vertx.createHttpServer(options());
      created.requestHandler(request -> serve(request, provider, request.path()));
      server = created;
      return created.listen(port, host).map(s -> {
        port = s.actualPort();
        return port;
      });
    }

    synchronized void applyFault() {
      boolean refusing = provider.fault().type() == Fault.Type.REFUSE;
      if (refusing && server != null) {
        HttpServer closing = server;
        server = null;
        closing.close();
      } else if (!refusing && server == null) {
        open();
      }
    }

    Future<Void> close() {
      HttpServer current = server;
      server = null;
      return current == null ? Future.succeededFuture() : current.close();
    }
  }
}
