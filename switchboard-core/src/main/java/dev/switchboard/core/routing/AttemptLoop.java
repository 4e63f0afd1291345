package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.observe.AttemptRecord;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.spi.Cancellation;
import dev.switchboard.core.spi.EmbeddingsCapability;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;

/** One request's attempts: try candidates in order, retry what is retryable, answer with the first success. */
final class AttemptLoop {
  private static final String EXTENSION_FIELD = "switchboard";

  private final Exchange exchange;
  private final List<Deployment> candidates;
  private final int maxAttempts;
  private final RouteFilter route;
  private final Promise<Verdict> promise = Promise.promise();
  private int attempts;
  private UpstreamException lastFailure;

  AttemptLoop(Exchange exchange, List<Deployment> candidates, int maxAttempts, RouteFilter route) {
    this.exchange = exchange;
    this.candidates = candidates;
    this.maxAttempts = maxAttempts;
    this.route = route;
  }

  Future<Verdict> run() {
    next();
    return promise.future();
  }

  private void next() {
    if (exchange.isCancelled()) {
      promise.tryFail(new UpstreamException(FailureKind.CANCELLED, 0, "The client closed the request."));
      return;
    }
    Deployment deployment = candidates.get(attempts % candidates.size());
    attempts++;
    Cancellation cancellation = new Cancellation();
    exchange.onCancel(cancellation::cancel);
    String upstreamModel = deployment.upstreamModel(exchange.model());
    UpstreamRequest request = new UpstreamRequest(exchange.requestId(), upstreamModel,
        upstreamBody(upstreamModel), exchange.isStream(), route.keyFor(deployment), route.timeoutsFor(deployment),
        Map.of("x-request-id", exchange.requestId()), cancellation);
    long started = route.clock().nanoTime();
    ProviderAdapter adapter = route.adapter(deployment);
    Future<UpstreamResponse> call;
    try {
      call = exchange.endpoint() == Endpoint.EMBEDDINGS
          ? ((EmbeddingsCapability) adapter).embeddings(request)
          : adapter.chat(request);
    } catch (UpstreamException e) {
      call = Future.failedFuture(e);
    }
    call.onComplete(done -> {
      long elapsed = route.clock().nanoTime() - started;
      if (done.succeeded()) {
        succeeded(deployment, upstreamModel, done.result(), elapsed);
      } else {
        failed(deployment, upstreamModel, asUpstream(done.cause()), elapsed);
      }
    });
  }

  private ObjectNode upstreamBody(String upstreamModel) {
    ObjectNode body = exchange.body().objectNode();
    body.setAll(exchange.body());
    body.remove(EXTENSION_FIELD);
    body.put("model", upstreamModel);
    return body;
  }

  private void succeeded(Deployment deployment, String upstreamModel, UpstreamResponse response, long elapsed) {
    exchange.record().addAttempt(new AttemptRecord(deployment.providerName(), deployment.id(), upstreamModel, 200,
        "ok", elapsed, false));
    exchange.record().provider = deployment.providerName();
    exchange.record().deployment = deployment.id();
    exchange.record().servedModel = upstreamModel;
    exchange.record().upstreamNanos = elapsed;
    exchange.responseHeaders()
        .set("x-switchboard-provider", deployment.providerName())
        .set("x-switchboard-model", upstreamModel)
        .set("x-switchboard-attempts", Integer.toString(attempts));
    if (!response.warnings().isEmpty()) {
      exchange.responseHeaders().set("x-switchboard-warning", String.join("; ", response.warnings()));
    }
    if (response instanceof UpstreamResponse.Complete complete) {
      exchange.record().usage = complete.usage();
      promise.tryComplete(Verdict.answer(GatewayResponse.ok(complete.body())).result());
    } else if (response instanceof UpstreamResponse.Streaming streaming) {
      exchange.record().firstTokenNanos = route.clock().nanoTime() - exchange.startNanos();
      GatewayResponse.Stream stream = new GatewayResponse.Stream(200, streaming.chunks())
          .observedBy(new StreamUsageObserver(exchange.record()));
      promise.tryComplete(Verdict.answer(stream).result());
    }
  }

  private void failed(Deployment deployment, String upstreamModel, UpstreamException error, long elapsed) {
    exchange.record().addAttempt(new AttemptRecord(deployment.providerName(), deployment.id(), upstreamModel,
        error.providerStatus(), error.kind().name().toLowerCase(java.util.Locale.ROOT), elapsed, false));
    lastFailure = error;
    boolean more = attempts < maxAttempts && error.kind().retryable() && !exchange.isCancelled();
    if (!more) {
      exchange.responseHeaders().set("x-switchboard-attempts", Integer.toString(attempts));
      promise.tryFail(lastFailure);
      return;
    }
    long delay = backoffMillis(error);
    if (delay <= 0) {
      next();
    } else {
      route.vertx().setTimer(delay, id -> next());
    }
  }

  /** No wait when moving to another deployment; backoff (honouring Retry-After) when coming back round. */
  private long backoffMillis(UpstreamException error) {
    if (attempts % candidates.size() != 0) {
      return 0;
    }
    int round = attempts / candidates.size();
    long base = route.retry().baseBackoffMs();
    long backoff = Math.min(route.retry().maxBackoffMs(), base << Math.min(10, round - 1));
    if (error.retryAfterMillis() > 0) {
      backoff = Math.max(backoff, Math.min(error.retryAfterMillis(), route.retry().maxBackoffMs()));
    }
    return backoff;
  }

  private static UpstreamException asUpstream(Throwable cause) {
    if (cause instanceof UpstreamException e) {
      return e;
    }
    return new UpstreamException(FailureKind.PROTOCOL, 0, "The provider call failed unexpectedly.");
  }
}
