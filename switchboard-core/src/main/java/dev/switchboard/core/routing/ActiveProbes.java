package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProbeConfig;
import dev.switchboard.core.config.TimeoutsConfig;
import dev.switchboard.core.spi.Cancellation;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.time.Randomness;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Optional active health probes. Every probed deployment gets a one-token chat request each
 * {@code routing.probe.interval_ms}, with {@code timeout_ms} as its deadline. The outcome feeds the same health
 * state as passive detection: a failure that says something about the deployment counts towards its ejection (and
 * ejects a half-open one again), a success lets an ejected deployment back in at once (published to the other
 * nodes like any recovery). Keys behave as for requests: a 429 cools the key, a 401/403 marks it dead.
 *
 * <p>Runs on one event loop (the scheduler's); probes of one deployment never overlap. Deployments that pass the
 * client's model through ({@code model: "*"}) have no model to probe and are skipped.
 */
final class ActiveProbes implements AutoCloseable {
  private static final String PROMPT = "ping";

  private final HealthRegistry registry;
  private final Map<String, ProviderAdapter> adapters;
  private final Scheduler scheduler;
  private final ProbeConfig config;
  private final Function<Deployment, TimeoutsConfig> timeouts;
  private final Randomness random;
  private final long keyCooldownMillis;
  private final Map<String, Scheduler.Timer> timers = new ConcurrentHashMap<>();
  private long sequence;
  private volatile boolean closed;

  ActiveProbes(HealthRegistry registry, Map<String, ProviderAdapter> adapters, Scheduler scheduler,
      ProbeConfig config, Function<Deployment, TimeoutsConfig> timeouts, Randomness random, long keyCooldownMillis) {
    this.registry = registry;
    this.adapters = Map.copyOf(adapters);
    this.scheduler = scheduler;
    this.config = config;
    this.timeouts = timeouts;
    this.random = random;
    this.keyCooldownMillis = keyCooldownMillis;
  }

  /** Whether {@code deployment} is probed under {@code config} (its own {@code probe} setting wins). */
  static boolean probed(Deployment deployment, ProbeConfig config) {
    Boolean own = deployment.config().probe();
    return !deployment.config().passesModelThrough() && (own != null ? own : config.enabled());
  }

  /** The deployments that will be probed. */
  List<Deployment> targets() {
    List<Deployment> targets = new ArrayList<>();
    for (Deployment deployment : registry.deployments().values()) {
      if (probed(deployment, config) && adapters.containsKey(deployment.providerName())) {
        targets.add(deployment);
      }
    }
    return targets;
  }

  /** Schedules the first probe of every target, spread over the interval so they do not all go at once. */
  void start() {
    for (Deployment deployment : targets()) {
      long first = config.intervalMs() / 2 + (long) (random.nextDouble() * (config.intervalMs() / 2));
      schedule(deployment, Math.max(1, first));
    }
  }

  private void schedule(Deployment deployment, long delayMillis) {
    if (closed) {
      return;
    }
    timers.put(deployment.id(), scheduler.schedule(delayMillis, () -> probe(deployment)));
  }

  /** Sends one probe now; the next is scheduled once it has ended. */
  void probe(Deployment deployment) {
    if (closed) {
      return;
    }
    KeyPool pool = registry.keys(deployment.providerName());
    KeyPool.Lease lease = pool == null ? new KeyPool.Lease(-1, null) : pool.acquire(registry.clock().nanoTime());
    if (lease == null) {
      // Every key is cooling down or dead: a probe would only learn that again.
      schedule(deployment, config.intervalMs());
      return;
    }
    String upstreamModel = deployment.config().model();
    String id = "probe-" + (++sequence);
    Cancellation cancellation = new Cancellation();
    UpstreamRequest request = new UpstreamRequest(id, upstreamModel, body(upstreamModel), false, lease.value(),
        probeTimeouts(deployment), Map.of("x-request-id", id), cancellation);
    boolean[] settled = {false};
    Scheduler.Timer deadline = scheduler.schedule(config.timeoutMs(), () -> {
      if (!settled[0]) {
        settled[0] = true;
        cancellation.cancel();
        failed(deployment, lease, new UpstreamException(FailureKind.TIMEOUT, 0, "The probe timed out."));
        schedule(deployment, config.intervalMs());
      }
    });
    call(adapters.get(deployment.providerName()), request).onComplete(result -> {
      if (settled[0]) {
        discard(result);
        return;
      }
      settled[0] = true;
      deadline.cancel();
      if (result.succeeded()) {
        discard(result);
        registry.onSuccess(deployment);
      } else {
        failed(deployment, lease, result.cause() instanceof UpstreamException e ? e
            : new UpstreamException(FailureKind.PROTOCOL, 0, "The probe failed unexpectedly."));
      }
      schedule(deployment, config.intervalMs());
    });
  }

  private void failed(Deployment deployment, KeyPool.Lease lease, UpstreamException error) {
    FailureKind kind = error.kind();
    if (kind.countsAgainstHealth()) {
      registry.onFailure(deployment);
    } else if (kind == FailureKind.RATE_LIMITED) {
      if (lease.index() >= 0) {
        long cool = error.retryAfterMillis() > 0 ? error.retryAfterMillis() : keyCooldownMillis;
        registry.onKeyRateLimited(deployment.providerName(), lease.index(), cool);
      }
    } else if (kind == FailureKind.AUTHENTICATION) {
      if (lease.index() >= 0) {
        registry.onKeyRejected(deployment.providerName(), lease.index());
      }
    } else if (kind != FailureKind.CANCELLED) {
      // The provider answered (a 4xx about the probe itself): it is up.
      registry.onSuccess(deployment);
    }
  }

  private TimeoutsConfig probeTimeouts(Deployment deployment) {
    int timeout = config.timeoutMs();
    TimeoutsConfig base = timeouts.apply(deployment);
    return new TimeoutsConfig(Math.min(base.connectMs(), timeout), timeout, timeout, timeout);
  }

  private static ObjectNode body(String upstreamModel) {
    ObjectNode body = Json.object();
    body.put("model", upstreamModel);
    body.putArray("messages").addObject().put("role", "user").put("content", PROMPT);
    body.put("max_tokens", 1);
    return body;
  }

  private static Future<UpstreamResponse> call(ProviderAdapter adapter, UpstreamRequest request) {
    try {
      return adapter.chat(request);
    } catch (UpstreamException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      return Future.failedFuture(new UpstreamException(FailureKind.PROTOCOL, 0, "The probe failed unexpectedly."));
    }
  }

  private static void discard(AsyncResult<UpstreamResponse> result) {
    if (result.succeeded() && result.result() instanceof UpstreamResponse.Streaming streaming) {
      streaming.chunks().cancel();
    }
  }

  @Override
  public void close() {
    closed = true;
    timers.values().forEach(Scheduler.Timer::cancel);
    timers.clear();
  }
}
