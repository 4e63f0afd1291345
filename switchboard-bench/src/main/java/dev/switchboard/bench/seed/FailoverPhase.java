package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.bench.load.LatencyRecorder;
import dev.switchboard.bench.load.LoadClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Kills one provider three ways in turn (connections refused, then HTTP 503, then hanging) while load runs, heals
 * it after each, and measures from the client's side, for requests of the model it serves:
 * <ol>
 *   <li>the extra latency of a request whose first attempt failed (p50 of requests with more than one attempt
 *   during the outage, minus p50 of one-attempt requests while healthy);</li>
 *   <li>the time from the death until no new request is sent to it (the send time of the last request during the
 *   outage that still tried it: more than one attempt, or failed), or "never" if requests still tried it in the
 *   last tenth of the outage;</li>
 *   <li>the time from recovery until it is let back in (the send time of the first request after the heal that
 *   it answered).</li>
 * </ol>
 */
final class FailoverPhase {
  /** One kind of death and the fault document that causes it. */
  record Death(String name, String faultJson) {}

  static final List<Death> DEATHS = List.of(
      new Death("refused", "{\"type\":\"refuse\"}"),
      new Death("status_503", "{\"type\":\"status\",\"status\":503,\"retry_after\":0}"),
      new Death("hang", "{\"type\":\"hang\"}"));

  private record Window(Death death, long killedNanos, long healedNanos) {}

  private final Vertx vertx;
  private final LoadClient control;
  private final String controlUrl;
  private final SeedSettings settings;
  private final String victim;
  private final String model;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final List<Window> windows = new ArrayList<>();

  FailoverPhase(Vertx vertx, LoadClient control, String controlUrl, SeedSettings settings, SeedProvider victim) {
    this.vertx = vertx;
    this.control = control;
    this.controlUrl = controlUrl;
    this.settings = settings;
    this.victim = victim.name();
    this.model = victim.model();
  }

  /** Total length: one healthy lead-in, then each death followed by its recovery period. */
  long durationMillis() {
    return settings.recoveryMillis() + DEATHS.size() * (settings.faultMillis() + settings.recoveryMillis());
  }

  /** Runs the load with {@code caller} and the fault schedule; returns the three figures per death. */
  ObjectNode run(Workload workload, Function<Workload.Planned, Future<Outcome>> caller, Progress progress)
      throws Exception {
    ClosedLoop loop = new ClosedLoop(vertx, settings.failoverConcurrency(), durationMillis(),
        settings.rampMillis(), () -> {
          Workload.Planned request = workload.next();
          return caller.apply(request).onSuccess(outcome -> {
            workload.completed(request, outcome.ok());
            if (request.model().equals(model)) {
              outcomes.add(outcome);
            }
          });
        });
    Future<Long> finished = loop.run();
    progress.phase("failover", durationMillis(), loop);
    Thread.sleep(settings.recoveryMillis());
    for (Death death : DEATHS) {
      long killed = setFault(death.faultJson());
      Thread.sleep(settings.faultMillis());
      long healed = heal();
      windows.add(new Window(death, killed, healed));
      Thread.sleep(settings.recoveryMillis());
    }
    finished.await(durationMillis() + 120_000, TimeUnit.MILLISECONDS);
    progress.done();
    return figures();
  }

  private long setFault(String json) throws Exception {
    control.post(controlUrl + "/providers/" + victim + "/fault", MultiMap.caseInsensitiveMultiMap()
        .add("content-type", "application/json"), Buffer.buffer(json), 5_000).await(10, TimeUnit.SECONDS);
    return System.nanoTime();
  }

  private long heal() throws Exception {
    long before = System.nanoTime();
    control.delete(controlUrl + "/providers/" + victim + "/fault", 5_000).await(10, TimeUnit.SECONDS);
    return before;
  }

  private ObjectNode figures() {
    List<Outcome> all = List.copyOf(outcomes);
    LatencyRecorder healthy = new LatencyRecorder();
    for (Outcome outcome : all) {
      if (outcome.ok() && outcome.attempts() <= 1 && outsideWindows(outcome.startNanos())) {
        healthy.recordNanos(outcome.latencyNanos());
      }
    }
    ObjectNode json = Json.object();
    json.put("victim", victim);
    json.put("model", model);
    json.put("healthy_p50_ms", PhaseStats.round(healthy.percentileMillis(50)));
    for (Window window : windows) {
      json.set(window.death().name(), window(all, window, healthy));
    }
    return json;
  }

  private ObjectNode window(List<Outcome> all, Window window, LatencyRecorder healthy) {
    LatencyRecorder retried = new LatencyRecorder();
    long lastTouch = -1;
    long failed = 0;
    long sent = 0;
    long firstBack = -1;
    for (Outcome outcome : all) {
      long start = outcome.startNanos();
      if (start >= window.killedNanos() && start < window.healedNanos()) {
        sent++;
        boolean touched = !outcome.ok() || outcome.attempts() > 1;
        if (!outcome.ok()) {
          failed++;
        } else if (outcome.attempts() > 1) {
          retried.recordNanos(outcome.latencyNanos());
        }
        if (touched) {
          lastTouch = Math.max(lastTouch, start);
        }
      } else if (start >= window.healedNanos() && outcome.ok() && victim.equals(outcome.provider())
          && (firstBack < 0 || start < firstBack)) {
        firstBack = start;
      }
    }
    return FailoverFigures.of(window.healedNanos() - window.killedNanos(), sent, failed, retried, healthy,
        lastTouch < 0 ? -1 : lastTouch - window.killedNanos(), firstBack < 0 ? -1 : firstBack - window.healedNanos());
  }

  private boolean outsideWindows(long start) {
    for (Window window : windows) {
      if (start >= window.killedNanos() && start < window.healedNanos() + settings.recoveryMillis() * 1_000_000L) {
        return false;
      }
    }
    return true;
  }
}
