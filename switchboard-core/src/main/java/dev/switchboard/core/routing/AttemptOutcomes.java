package dev.switchboard.core.routing;

import dev.switchboard.core.observe.AttemptRecord;
import dev.switchboard.core.observe.RequestRecord;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.usage.Usage;

/**
 * What each attempt's end means: for the request record and response headers, for the deployment's health,
 * latency and quota, and for the key that was used.
 */
final class AttemptOutcomes {
  private final Exchange exchange;
  private final RoutePlan plan;
  private final RouteFilter route;

  AttemptOutcomes(Exchange exchange, RoutePlan plan, RouteFilter route) {
    this.exchange = exchange;
    this.plan = plan;
    this.route = route;
  }

  GatewayResponse success(Attempt attempt, UpstreamResponse response, long elapsed) {
    Deployment deployment = attempt.deployment;
    RequestRecord record = exchange.record();
    record.addAttempt(new AttemptRecord(deployment.providerName(), deployment.id(), attempt.upstreamModel, 200,
        "ok", elapsed, attempt.hedge));
    record.provider = deployment.providerName();
    record.deployment = deployment.id();
    record.servedModel = attempt.upstreamModel;
    record.upstreamNanos = elapsed;
    exchange.responseHeaders()
        .set("x-switchboard-provider", deployment.providerName())
        .set("x-switchboard-model", attempt.upstreamModel);
    DeploymentHealth health = route.registry().of(deployment);
    long now = route.clock().nanoTime();
    route.latencyWindow(plan.group(), exchange.isStream()).record(elapsed);
    if (response instanceof UpstreamResponse.Streaming streaming) {
      health.firstByte.observe(elapsed, now);
      record.firstTokenNanos = now - exchange.startNanos();
      TrackedStream tracked = new TrackedStream(streaming.chunks(), streamOutcome(attempt));
      return new GatewayResponse.Stream(200, tracked).observedBy(new StreamUsageObserver(record));
    }
    UpstreamResponse.Complete complete = (UpstreamResponse.Complete) response;
    health.latency.observe(elapsed, now);
    record.usage = complete.usage();
    health.inFlight.decrementAndGet();
    route.registry().onSuccess(deployment);
    chargeQuota(health, deployment, complete.usage());
    return GatewayResponse.ok(complete.body());
  }

  private TrackedStream.Outcome streamOutcome(Attempt attempt) {
    DeploymentHealth health = route.registry().of(attempt.deployment);
    return new TrackedStream.Outcome() {
      @Override
      public void ended() {
        health.inFlight.decrementAndGet();
        route.registry().onSuccess(attempt.deployment);
        chargeQuota(health, attempt.deployment, exchange.record().usage);
      }

      @Override
      public void failed(GatewayException error) {
        health.inFlight.decrementAndGet();
        if (!(error instanceof UpstreamException upstream) || upstream.kind().countsAgainstHealth()) {
          route.registry().onFailure(attempt.deployment);
        } else if (attempt.probe) {
          health.releaseProbe();
        }
      }

      @Override
      public void abandoned() {
        health.inFlight.decrementAndGet();
        if (attempt.probe) {
          health.releaseProbe();
        }
      }
    };
  }

  void failure(Attempt attempt, UpstreamException error, long elapsed) {
    Deployment deployment = attempt.deployment;
    exchange.record().addAttempt(new AttemptRecord(deployment.providerName(), deployment.id(),
        attempt.upstreamModel, error.providerStatus(), AttemptLoop.outcomeName(error.kind()), elapsed,
        attempt.hedge));
    DeploymentHealth health = route.registry().of(deployment);
    health.inFlight.decrementAndGet();
    FailureKind kind = error.kind();
    if (kind.countsAgainstHealth()) {
      route.registry().onFailure(deployment);
      return;
    }
    if (kind == FailureKind.RATE_LIMITED && attempt.key.index() >= 0) {
      long cool = error.retryAfterMillis() > 0 ? error.retryAfterMillis() : route.retry().keyCooldownMs();
      route.registry().onKeyRateLimited(deployment.providerName(), attempt.key.index(), cool);
    } else if (kind == FailureKind.AUTHENTICATION && attempt.key.index() >= 0) {
      route.registry().onKeyRejected(deployment.providerName(), attempt.key.index());
    }
    if (kind == FailureKind.CANCELLED || kind == FailureKind.RATE_LIMITED || kind == FailureKind.AUTHENTICATION) {
      if (attempt.probe) {
        health.releaseProbe();
      }
      return;
    }
    // The provider answered (a 4xx about the request): it is alive.
    route.registry().onSuccess(deployment);
  }

  /** An attempt still open when another won: a slower original counts as a slow (failed) attempt. */
  void lost(Attempt loser, Attempt winner, long elapsed) {
    boolean slower = loser.startNanos < winner.startNanos;
    Deployment deployment = loser.deployment;
    exchange.record().addAttempt(new AttemptRecord(deployment.providerName(), deployment.id(),
        loser.upstreamModel, 0, slower ? "hedge_lost" : "cancelled", elapsed, loser.hedge));
    DeploymentHealth health = route.registry().of(deployment);
    health.inFlight.decrementAndGet();
    if (slower) {
      route.registry().onFailure(deployment);
    } else if (loser.probe) {
      health.releaseProbe();
    }
  }

  /** Closes an attempt without a verdict (the request ended otherwise). */
  void release(Attempt attempt) {
    DeploymentHealth health = route.registry().of(attempt.deployment);
    health.inFlight.decrementAndGet();
    if (attempt.probe) {
      health.releaseProbe();
    }
  }

  private void chargeQuota(DeploymentHealth health, Deployment deployment, Usage usage) {
    if (!health.quota.limited()) {
      return;
    }
    long actual = usage == null ? plan.promptTokens() : usage.totalTokens();
    double in = deployment.config().inputCostPerMillion() == null ? 0 : deployment.config().inputCostPerMillion();
    double out = deployment.config().outputCostPerMillion() == null ? 0
        : deployment.config().outputCostPerMillion();
    double cost = usage == null ? 0 : (usage.promptTokens() * in + usage.completionTokens() * out) / 1_000_000.0;
    health.quota.onUsage(route.clock().nanoTime(), route.clock().epochMillis(), plan.promptTokens(), actual, cost);
  }
}
