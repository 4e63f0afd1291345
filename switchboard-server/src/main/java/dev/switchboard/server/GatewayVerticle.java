package dev.switchboard.server;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.config.ServerConfig;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.server.endpoint.MessagesEndpoint;
import dev.switchboard.server.endpoint.ModelsEndpoint;
import dev.switchboard.server.endpoint.ProxyEndpoint;
import dev.switchboard.server.http.AnthropicCodec;
import dev.switchboard.server.http.ClientCodec;
import dev.switchboard.server.http.ErrorWriter;
import dev.switchboard.server.http.HeadDeadline;
import dev.switchboard.server.http.OpenAiCodec;
import dev.switchboard.server.http.RequestHardening;
import dev.switchboard.server.http.ResponseWriter;
import dev.switchboard.server.http.Route;
import dev.switchboard.server.http.Router;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One event loop's share of the gateway: its own HTTP server (the port is shared), its own upstream connection
 * pools, and its own chain instances over the shared services.
 */
final class GatewayVerticle extends VerticleBase {
  private final GatewayServices services;
  private final BooleanSupplier ready;
  private final int port;
  private final int adminPort;
  private final Map<String, ProviderAdapter> adapters = new HashMap<>();
  private HttpServer server;
  private HttpServer adminServer;
  private Router router;
  private Router adminRouter;

  GatewayVerticle(GatewayServices services, BooleanSupplier ready, int port, int adminPort) {
    this.services = services;
    this.ready = ready;
    this.port = port;
    this.adminPort = adminPort;
  }

  @Override
  public Future<?> start() {
    ProviderContext context = new ProviderContext(vertx, services.clock());
    for (ProviderConfig provider : services.config().providers()) {
      adapters.put(provider.name(), services.providers().create(provider, context));
    }
    ErrorWriter errors = new ErrorWriter();
    router = router(errors);
    java.util.List<Route> admin = AdminRoutes.routes(services, vertx, responseWriter(), errors);
    ServerConfig config = services.config().server();
    if (adminPort > 0) {
      adminRouter = new Router(errors, services.adminAuthenticator());
      admin.forEach(adminRouter::add);
      AdminRoutes.probes(ready).forEach(adminRouter::add);
      adminServer = hardened(vertx.createHttpServer(serverOptions(config)), adminRouter, config);
    } else {
      admin.forEach(router::add);
    }
    server = hardened(vertx.createHttpServer(serverOptions(config)), router, config);
    Future<?> main = server.listen(port, config.host());
    return adminServer == null ? main : main.compose(ok -> adminServer.listen(adminPort, config.host()));
  }

  private HttpServer hardened(HttpServer http, Router routes, ServerConfig config) {
    var limits = services.config().governance();
    HeadDeadline heads = new HeadDeadline(vertx, config.headerTimeoutMs());
    RequestHardening hardening = new RequestHardening(vertx, routes::handle, new ErrorWriter(),
        limits.requestDeadlineMs());
    return http.connectionHandler(heads::connected).requestHandler(request -> {
      heads.requestArrived(request);
      hardening.handle(request);
    });
  }

  private static HttpServerOptions serverOptions(ServerConfig config) {
    HttpServerOptions options = new HttpServerOptions()
        .setTcpNoDelay(true)
        .setReuseAddress(true)
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxInitialLineLength(8192)
        .setIdleTimeout(config.clientIdleTimeoutMs())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setHttp2ClearTextEnabled(config.http2Cleartext())
        .setHandle100ContinueAutomatically(true);
    return options;
  }

  private static ResponseWriter responseWriter() {
    Map<Dialect, ClientCodec> codecs = new HashMap<>();
    codecs.put(Dialect.OPENAI, new OpenAiCodec());
    codecs.put(Dialect.ANTHROPIC, new AnthropicCodec());
    return new ResponseWriter(codecs);
  }

  /** The client routes and the health probes; admin routes are added by {@link AdminRoutes}. */
  private Router router(ErrorWriter errors) {
    ResponseWriter writer = responseWriter();
    long maxBody = services.config().server().maxBodyBytes();
    int maxDepth = services.config().server().jsonMaxDepth();
    var proxyChain = PipelineAssembly.proxyChain(services, adapters, vertx);
    var rejections = PipelineAssembly.rejectionChain(services);
    ProxyEndpoint chat = new ProxyEndpoint(Endpoint.CHAT_COMPLETIONS, proxyChain, writer, errors, services.clock(),
        maxBody, maxDepth).rejectionsThrough(rejections);
    ProxyEndpoint embeddings = new ProxyEndpoint(Endpoint.EMBEDDINGS, proxyChain, writer, errors,
        services.clock(), maxBody, maxDepth).rejectionsThrough(rejections);
    ProxyEndpoint models = new ProxyEndpoint(Endpoint.MODELS, PipelineAssembly.modelsChain(services), writer,
        errors, services.clock(), maxBody, maxDepth);
    Router router = new Router(errors, services.adminAuthenticator())
        .add(new Route(HttpMethod.POST, "/v1/chat/completions", true, chat))
        .add(new Route(HttpMethod.POST, "/chat/completions", true, chat))
        .add(new Route(HttpMethod.POST, "/v1/messages", true, new MessagesEndpoint(chat, services.clock(), maxBody)))
        .add(new Route(HttpMethod.POST, "/v1/embeddings", true, embeddings))
        .add(new Route(HttpMethod.POST, "/embeddings", true, embeddings))
        .add(new Route(HttpMethod.GET, "/v1/models", true, new ModelsEndpoint(models, services.clock())));
    AdminRoutes.probes(ready).forEach(router::add);
    return router;
  }

  Router routes() {
    return router;
  }

  /** The admin port's routes, or an empty list when the admin API shares the main port. */
  java.util.List<Route> adminRoutes() {
    return adminRouter == null ? java.util.List.of() : adminRouter.routes();
  }

  /** Stops accepting, lets in-flight requests and streams finish for up to {@code graceMillis}. */
  Future<Void> drain(long graceMillis) {
    Future<Void> admin = adminServer == null ? Future.succeededFuture() : adminServer.shutdown(graceMillis,
        TimeUnit.MILLISECONDS);
    Future<Void> main = server == null ? Future.succeededFuture() : server.shutdown(graceMillis,
        TimeUnit.MILLISECONDS);
    return Future.join(main, admin).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    for (ProviderAdapter adapter : adapters.values()) {
      adapter.close();
    }
    return Future.succeededFuture();
  }
}
