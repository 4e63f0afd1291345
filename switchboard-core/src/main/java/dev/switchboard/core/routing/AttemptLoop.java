package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.HedgeConfig;
import dev.switchboard.core.config.RetryConfig;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.spi.EmbeddingsCapability;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request's attempts. Tries the planned deployments in order, moving on at once after a retryable failure
 * and backing off (with jitter, honouring Retry-After) only when it comes back to a deployment already tried;
 * hedges a slow attempt on another deployment; bounded by the group's max attempts and the shared retry budget.
 * The first good answer wins and the others are cancelled. Confined to the request's event loop.
 */
final class AttemptLoop {
  private final Exchange exchange;
  private final RoutePlan plan;
  private final RouteFilter route;
  private final List<Deployment> candidates;
  private final boolean[] excluded;
  private final int[] tries;
  private final long[] retryAfterMillis;
  private final int maxAttempts;
  private final HedgeConfig hedge;
  private final Promise<Verdict> promise = Promise.promise();
  private final List<Attempt> open = new ArrayList<>(2);
  private final AttemptOutcomes outcomes;
  private int cursor;
  private int started;
  private int hedges;
  private boolean done;
  private boolean keyedFailure;
  private UpstreamException lastFailure;
  private String exhaustedKeysOf;
  private Scheduler.Timer hedgeTimer;
  private Scheduler.Timer retryTimer;
  private KeyPool.Lease pendingKey;

  AttemptLoop(Exchange exchange, RoutePlan plan, int maxAttempts, HedgeConfig hedge, RouteFilter route) {
    this.exchange = exchange;
    this.plan = plan;
    this.route = route;
    this.candidates = plan.candidates();
    this.excluded = new boolean[candidates.size()];
    this.tries = new int[candidates.size()];
    this.retryAfterMillis = new long[candidates.size()];
    java.util.Arrays.fill(retryAfterMillis, -1);
    this.maxAttempts = maxAttempts;
    this.hedge = hedge;
    this.outcomes = new AttemptOutcomes(exchange, plan, route);
  }

  Future<Verdict> run() {
    route.budget().onRequest();
    exchange.onCancel(this::clientGone);
    int first = pick(false);
    if (first < 0) {
      failFinally();
    } else {
      start(first, false);
    }
    return promise.future();
  }

  /** The index of the next usable candidate (leasing its key and any probe slot), or -1. */
  private int pick(boolean forHedge) {
    long now = route.clock().nanoTime();
    for (int pass = 0; pass < 2; pass++) {
      for (int step = 0; step < candidates.size(); step++) {
        int index = (cursor + step) % candidates.size();
        if (excluded[index] || isOpen(candidates.get(index)) || (forHedge && tries[index] > 0)) {
          continue;
        }
        DeploymentHealth.Availability availability = route.registry().of(candidates.get(index)).availability(now);
        if (pass == 0 && availability == DeploymentHealth.Availability.EJECTED) {
          continue;
        }
        if (keyFor(candidates.get(index), now) != null) {
          cursor = index + 1;
          return index;
        }
      }
      if (forHedge) {
        return -1;
      }
    }
    return -1;
  }

  private KeyPool.Lease keyFor(Deployment deployment, long now) {
    KeyPool pool = route.registry().keys(deployment.providerName());
    KeyPool.Lease lease = pool == null ? new KeyPool.Lease(-1, null) : pool.acquire(now);
    if (lease == null) {
      exhaustedKeysOf = deployment.providerName();
    }
    pendingKey = lease;
    return lease;
  }

  private boolean isOpen(Deployment deployment) {
    for (Attempt attempt : open) {
      if (attempt.deployment.id().equals(deployment.id())) {
        return true;
      }
    }
    return false;
  }

  private void start(int index, boolean isHedge) {
    Deployment deployment = candidates.get(index);
    long now = route.clock().nanoTime();
    DeploymentHealth health = route.registry().of(deployment);
    boolean probe = health.tryStartProbe(now);
    String upstreamModel = deployment.upstreamModel(exchange.model());
    Attempt attempt = new Attempt(deployment, pendingKey, now, isHedge, probe, upstreamModel);
    started++;
    tries[index]++;
    if (isHedge) {
      hedges++;
    }
    open.add(attempt);
    health.inFlight.incrementAndGet();
    if (health.quota.limited()) {
      health.quota.onRequest(now, route.clock().epochMillis(), plan.promptTokens());
    }
    call(attempt).onComplete(result -> completed(index, attempt, result));
    armHedge();
  }

  private Future<UpstreamResponse> call(Attempt attempt) {
    UpstreamRequest request = new UpstreamRequest(exchange.requestId(), attempt.upstreamModel,
        upstreamBody(attempt.upstreamModel), exchange.isStream(), attempt.key.value(),
        route.timeoutsFor(attempt.deployment), Map.of("x-request-id", exchange.requestId()), attempt.cancellation);
    ProviderAdapter adapter = route.adapter(attempt.deployment);
    try {
      return exchange.endpoint() == Endpoint.EMBEDDINGS
          ? ((EmbeddingsCapability) adapter).embeddings(request)
          : adapter.chat(request);
    } catch (UpstreamException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      return Future.failedFuture(new UpstreamException(FailureKind.PROTOCOL, 0,
          "The provider call failed unexpectedly."));
    }
  }

  private ObjectNode upstreamBody(String upstreamModel) {
    ObjectNode body = exchange.body().objectNode();
    body.setAll(exchange.body());
    body.remove(Router.EXTENSION_FIELD);
    body.put("model", upstreamModel);
    return body;
  }

  private void completed(int index, Attempt attempt, AsyncResult<UpstreamResponse> result) {
    if (attempt.closed) {
      if (result.succeeded() && result.result() instanceof UpstreamResponse.Streaming late) {
        late.chunks().cancel();
      }
      return;
    }
    attempt.closed = true;
    open.remove(attempt);
    long elapsed = route.clock().nanoTime() - attempt.startNanos;
    if (result.succeeded() && !done) {
      won(attempt, result.result(), elapsed);
    } else if (result.succeeded()) {
      outcomes.release(attempt);
      if (result.result() instanceof UpstreamResponse.Streaming late) {
        late.chunks().cancel();
      }
    } else {
      failed(index, attempt, asUpstream(result.cause()), elapsed);
    }
  }

  private void won(Attempt attempt, UpstreamResponse response, long elapsed) {
    done = true;
    cancelTimers();
    GatewayResponse answer = outcomes.success(attempt, response, elapsed);
    closeOthers(attempt);
    exchange.responseHeaders().set("x-switchboard-attempts", Integer.toString(started));
    exchange.responseHeaders().set("x-switchboard-route", plan.decision().shortForm(attempt.deployment.id(),
        started));
    if (!response.warnings().isEmpty()) {
      exchange.responseHeaders().set("x-switchboard-warning", String.join("; ", response.warnings()));
    }
    promise.tryComplete(Verdict.answer(answer).result());
  }

  private void failed(int index, Attempt attempt, UpstreamException error, long elapsed) {
    outcomes.failure(attempt, error, elapsed);
    if (done || error.kind() == FailureKind.CANCELLED) {
      return;
    }
    lastFailure = error;
    keyedFailure = attempt.key.index() >= 0
        && (error.kind() == FailureKind.RATE_LIMITED || error.kind() == FailureKind.AUTHENTICATION);
    excludeAfter(index, attempt, error);
    if (!error.kind().retryable()) {
      finishWith(error);
      return;
    }
    next();
  }

  private void excludeAfter(int index, Attempt attempt, UpstreamException error) {
    RetryConfig retry = route.retry();
    switch (error.kind()) {
      case CONTEXT_LENGTH_EXCEEDED -> {
        Integer window = attempt.deployment.config().contextWindow();
        for (int i = 0; i < candidates.size(); i++) {
          Integer other = candidates.get(i).config().contextWindow();
          if (i == index || (window != null && other != null && other <= window)) {
            excluded[i] = true;
          }
        }
      }
      case NOT_FOUND -> excluded[index] = true;
      case AUTHENTICATION -> {
        if (attempt.key.index() < 0) {
          excluded[index] = true;
        }
      }
      default -> {
        if (keyedFailure) {
          return;
        }
        if (error.retryAfterMillis() > retry.maxRetryAfterMs()) {
          excluded[index] = true;
        }
        retryAfterMillis[index] = error.retryAfterMillis();
      }
    }
  }

  /** Starts the next attempt after a failure, if attempts, budget and candidates allow. */
  private void next() {
    if (started >= maxAttempts || !route.budget().tryAcquire()) {
      if (open.isEmpty()) {
        failFinally();
      }
      return;
    }
    int index = pick(false);
    if (index < 0) {
      if (open.isEmpty()) {
        failFinally();
      }
      return;
    }
    long delay = tries[index] == 0 || keyedFailure ? 0 : Backoff.delayMillis(tries[index],
        route.retry().baseBackoffMs(), route.retry().maxBackoffMs(), retryAfterMillis[index], route.random());
    if (delay <= 0) {
      start(index, false);
      return;
    }
    KeyPool.Lease lease = pendingKey;
    retryTimer = route.scheduler().schedule(delay, () -> {
      retryTimer = null;
      if (!done) {
        pendingKey = lease;
        start(index, false);
      }
    });
  }

  private void armHedge() {
    if (hedgeTimer != null || !hedge.enabled() || hedges >= hedge.maxHedges() || started >= maxAttempts
        || candidates.size() < 2) {
      return;
    }
    long delay = route.hedgeDelayMillis(plan.group(), hedge, exchange.isStream());
    if (delay <= 0) {
      return;
    }
    hedgeTimer = route.scheduler().schedule(delay, this::hedgeNow);
  }

  private void hedgeNow() {
    hedgeTimer = null;
    if (done || open.isEmpty() || hedges >= hedge.maxHedges() || started >= maxAttempts) {
      return;
    }
    int index = pick(true);
    if (index < 0 || !route.budget().tryAcquire()) {
      return;
    }
    start(index, true);
  }

  private void closeOthers(Attempt winner) {
    for (Attempt other : new ArrayList<>(open)) {
      other.closed = true;
      other.cancellation.cancel();
      outcomes.lost(other, winner, route.clock().nanoTime() - other.startNanos);
    }
    open.clear();
  }

  private void finishWith(GatewayException error) {
    done = true;
    cancelTimers();
    for (Attempt other : new ArrayList<>(open)) {
      other.closed = true;
      other.cancellation.cancel();
      outcomes.release(other);
    }
    open.clear();
    exchange.responseHeaders().set("x-switchboard-attempts", Integer.toString(started));
    exchange.responseHeaders().set("x-switchboard-route", plan.decision().shortForm(null, started));
    promise.tryFail(error);
  }

  private void failFinally() {
    if (exhaustedKeysOf != null && (lastFailure == null || keyedFailure)) {
      finishWith(keysExhausted());
    } else if (lastFailure != null) {
      finishWith(lastFailure);
    } else {
      finishWith(GatewayException.unavailable("No deployment of '" + plan.group().name()
          + "' is available for this request."));
    }
  }

  /**
   * Every key of the provider is out. Keys that are only cooling down (429) give a 429 with the time until the
   * first comes back; keys that were all rejected (401/402/403) give a 502. No key material in either.
   */
  private GatewayException keysExhausted() {
    KeyPool pool = route.registry().keys(exhaustedKeysOf);
    long now = route.clock().nanoTime();
    long back = pool == null ? -1 : pool.nextAvailableNanos(now);
    if (back >= 0) {
      long retryAfterSeconds = Math.max(1, (back - now + 999_999_999L) / 1_000_000_000L);
      return new GatewayException(429, dev.switchboard.api.ErrorType.RATE_LIMIT, "upstream_keys_exhausted", null,
          "Every API key of the provider '" + exhaustedKeysOf + "' is rate-limited; no deployment of '"
              + plan.group().name() + "' can be called before one comes back.", retryAfterSeconds);
    }
    return new GatewayException(502, dev.switchboard.api.ErrorType.UPSTREAM, "upstream_keys_exhausted", null,
        "Every API key of the provider '" + exhaustedKeysOf + "' was rejected; no deployment of '"
            + plan.group().name() + "' can be called until the configuration changes.");
  }

  private void clientGone() {
    if (done) {
      return;
    }
    finishWith(new UpstreamException(FailureKind.CANCELLED, 0, "The client closed the request."));
  }

  private void cancelTimers() {
    if (hedgeTimer != null) {
      hedgeTimer.cancel();
      hedgeTimer = null;
    }
    if (retryTimer != null) {
      retryTimer.cancel();
      retryTimer = null;
    }
  }

  private static UpstreamException asUpstream(Throwable cause) {
    if (cause instanceof UpstreamException e) {
      return e;
    }
    return new UpstreamException(FailureKind.PROTOCOL, 0, "The provider call failed unexpectedly.");
  }

  static String outcomeName(FailureKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
