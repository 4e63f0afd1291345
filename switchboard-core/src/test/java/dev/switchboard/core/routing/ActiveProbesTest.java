package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveProbesTest {
  private static final String GROUP = "models:\n  - name: m\n    deployments:\n      - {provider: a, model: ma}\n"
      + "      - {provider: b, model: mb}\n      - {provider: c, model: mc, probe: false}\n";
  private static final String PROBES = "routing:\n  hedge: {enabled: false}\n"
      + "  health: {consecutive_failures: 2, base_ejection_ms: 60000, max_ejection_percent: 100}\n"
      + "  probe: {enabled: true, interval_ms: 1000, timeout_ms: 200}\n";

  private static RoutingFixture fixture(String routing) {
    String providers = RoutingFixture.providers("a", "b", "c").replace("/b\n", "/b\n    api_key: sk-probe-b-0001\n");
    return new RoutingFixture(providers + routing + GROUP, "a", "b", "c");
  }

  /** Moves the clock in small steps until {@code adapter} has received {@code calls} calls. */
  private static void advanceUntilCalls(RoutingFixture f, FakeAdapter adapter, int calls) {
    for (int i = 0; i < 10_000 && adapter.calls.size() < calls; i++) {
      f.scheduler.advanceMillis(1);
    }
    assertThat(adapter.calls).hasSize(calls);
  }

  @Test
  void offByDefault_noProbeIsSent() {
    RoutingFixture f = fixture("routing:\n  hedge: {enabled: false}\n");
    f.scheduler.advanceMillis(60_000);
    assertThat(f.adapter("a").calls).isEmpty();
    assertThat(f.runtime.probes()).isNull();
  }

  @Test
  void enabled_probesEveryIntervalWithAOneTokenRequest_deploymentOptOutRespected() {
    RoutingFixture f = fixture(PROBES);
    f.scheduler.advanceMillis(1_000);
    assertThat(f.adapter("a").calls).hasSize(1);
    assertThat(f.adapter("b").calls).hasSize(1);
    f.scheduler.advanceMillis(3_000);
    assertThat(f.adapter("a").calls).hasSize(4);
    assertThat(f.adapter("c").calls).isEmpty();
    UpstreamRequest probe = f.adapter("a").calls.get(0);
    assertThat(probe.upstreamModel()).isEqualTo("ma");
    assertThat(probe.body().path("max_tokens").asInt()).isEqualTo(1);
    assertThat(probe.stream()).isFalse();
    assertThat(probe.timeouts().totalMs()).isEqualTo(200);
    assertThat(probe.timeouts().firstByteMs()).isEqualTo(200);
  }

  @Test
  void failingProbes_ejectTheDeployment_andRequestsSkipIt() {
    RoutingFixture f = fixture(PROBES);
    f.adapter("a").always(FakeAdapter.fail(FailureKind.CONNECT, 0));
    List<HealthEvent> events = new ArrayList<>();
    f.runtime.onHealthEvent(events::add);
    f.scheduler.advanceMillis(2_000);
    assertThat(f.runtime.health().isEjected("a/ma")).isTrue();
    assertThat(events).extracting(HealthEvent::type, HealthEvent::deployment)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(HealthEvent.EJECT, "a/ma"));
    int probesOfA = f.adapter("a").calls.size();
    f.answer(f.exchange("m"));
    assertThat(f.adapter("a").calls).hasSize(probesOfA);
  }

  @Test
  void hangingProbe_timesOutAtTheProbeDeadline_andCountsAsAFailure() {
    RoutingFixture f = fixture(PROBES);
    FakeAdapter b = f.adapter("b");
    b.always(b::hang);
    advanceUntilCalls(f, b, 1);
    f.scheduler.advanceMillis(199);
    assertThat(b.calls.get(0).cancellation().isCancelled()).isFalse();
    f.scheduler.advanceMillis(1);
    assertThat(b.calls.get(0).cancellation().isCancelled()).isTrue();
    assertThat(f.runtime.health().isEjected("b/mb")).isFalse();
    // The next probe goes one interval after the timeout; its timeout is the second consecutive failure.
    f.scheduler.advanceMillis(999);
    assertThat(b.calls).hasSize(1);
    f.scheduler.advanceMillis(1);
    assertThat(b.calls).hasSize(2);
    f.scheduler.advanceMillis(200);
    assertThat(f.runtime.health().isEjected("b/mb")).isTrue();
  }

  @Test
  void successfulProbe_letsAnEjectedDeploymentBackBeforeItsEjectionEnds() {
    RoutingFixture f = fixture(PROBES);
    f.adapter("a").then(FakeAdapter.fail(FailureKind.SERVER_ERROR, 503))
        .then(FakeAdapter.fail(FailureKind.SERVER_ERROR, 503)).then(FakeAdapter::ok);
    List<HealthEvent> events = new ArrayList<>();
    f.runtime.onHealthEvent(events::add);
    f.scheduler.advanceMillis(2_000);
    assertThat(f.runtime.health().isEjected("a/ma")).isTrue();
    // The ejection lasts 60 s; the next probe (one interval later) succeeds and lets it back in.
    f.scheduler.advanceMillis(1_000);
    assertThat(f.runtime.health().isEjected("a/ma")).isFalse();
    assertThat(events).extracting(HealthEvent::type).containsExactly(HealthEvent.EJECT, HealthEvent.RECOVER);
  }

  @Test
  void clientErrorFromTheProvider_meansItIsUp_rateLimitCoolsTheKey() {
    RoutingFixture f = fixture(PROBES);
    f.adapter("a").always(FakeAdapter.fail(FailureKind.BAD_REQUEST, 400));
    f.adapter("b").always(FakeAdapter.fail(FailureKind.RATE_LIMITED, 429, 5_000));
    advanceUntilCalls(f, f.adapter("b"), 1);
    assertThat(f.adapter("b").calls.get(0).apiKey()).isEqualTo("sk-probe-b-0001");
    assertThat(f.runtime.health().keyState("b", 0)).isEqualTo("cooling");
    f.scheduler.advanceMillis(10_000);
    assertThat(f.runtime.health().isEjected("a/ma")).isFalse();
    assertThat(f.runtime.health().isEjected("b/mb")).isFalse();
    // While its only key cools down, b is not probed (nothing to learn).
    assertThat(f.adapter("b").calls.size()).isLessThan(f.adapter("a").calls.size());
  }

  @Test
  void closed_stopsProbing() {
    RoutingFixture f = fixture(PROBES);
    f.scheduler.advanceMillis(1_000);
    int sent = f.adapter("a").calls.size();
    f.runtime.close();
    f.scheduler.advanceMillis(10_000);
    assertThat(f.adapter("a").calls).hasSize(sent);
  }
}
