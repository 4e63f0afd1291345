package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTest {
  private static final String CONFIG = RoutingFixture.providers("a", "b", "c")
      + "routing:\n  health: {consecutive_failures: 3, base_ejection_ms: 1000, max_ejection_ms: 2500,"
      + " max_ejection_percent: 50, failure_percentage: 50, failure_minimum_requests: 10, interval_ms: 10000}\n"
      + "models:\n  - name: m\n    deployments:\n      - {provider: a, model: ma}\n"
      + "      - {provider: b, model: mb}\n      - {provider: c, model: mc}\n";

  private final RoutingFixture f = new RoutingFixture(CONFIG, "a", "b", "c");
  private final HealthRegistry registry = f.runtime.registry();
  private final List<HealthEvent> events = new ArrayList<>();

  HealthTest() {
    registry.listen(events::add);
  }

  private Deployment d(String id) {
    return registry.deployments().get(id);
  }

  @Test
  void breaker_consecutiveFailuresReachThreshold_ejects() {
    registry.onFailure(d("a/ma"));
    registry.onFailure(d("a/ma"));
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("healthy");
    registry.onFailure(d("a/ma"));
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("ejected");
    assertThat(events).extracting(HealthEvent::type).containsExactly(HealthEvent.EJECT);
    assertThat(events.get(0).millis()).isEqualTo(1000);
  }

  @Test
  void breaker_successBetweenFailures_resetsTheCount() {
    registry.onFailure(d("a/ma"));
    registry.onFailure(d("a/ma"));
    registry.onSuccess(d("a/ma"));
    registry.onFailure(d("a/ma"));
    registry.onFailure(d("a/ma"));
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("healthy");
  }

  @Test
  void breaker_ejectionTimeOver_halfOpenAllowsOneProbe() {
    eject("a/ma");
    DeploymentHealth health = registry.byId("a/ma");
    f.clock.advanceMillis(999);
    assertThat(health.availability(f.clock.nanoTime())).isEqualTo(DeploymentHealth.Availability.EJECTED);
    f.clock.advanceMillis(1);
    assertThat(health.availability(f.clock.nanoTime())).isEqualTo(DeploymentHealth.Availability.PROBE);
    assertThat(health.tryStartProbe(f.clock.nanoTime())).isTrue();
    assertThat(health.tryStartProbe(f.clock.nanoTime())).isFalse();
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("probing");
  }

  @Test
  void breaker_probeSucceeds_closesAndPublishesRecovery() {
    eject("a/ma");
    f.clock.advanceMillis(1000);
    registry.byId("a/ma").tryStartProbe(f.clock.nanoTime());
    registry.onSuccess(d("a/ma"));
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("healthy");
    assertThat(events).extracting(HealthEvent::type).containsExactly(HealthEvent.EJECT, HealthEvent.RECOVER);
  }

  @Test
  void breaker_probeFails_ejectsAgainForLongerUpToTheCap() {
    eject("a/ma");
    f.clock.advanceMillis(1000);
    registry.byId("a/ma").tryStartProbe(f.clock.nanoTime());
    registry.onFailure(d("a/ma"));
    assertThat(events.get(1).millis()).isEqualTo(2000);
    f.clock.advanceMillis(2000);
    registry.byId("a/ma").tryStartProbe(f.clock.nanoTime());
    registry.onFailure(d("a/ma"));
    assertThat(events.get(2).millis()).isEqualTo(2500);
  }

  @Test
  void outlier_failurePercentageOverWindow_ejectsWithoutConsecutiveRun() {
    for (int i = 0; i < 5; i++) {
      registry.onSuccess(d("b/mb"));
      registry.onFailure(d("b/mb"));
      registry.onFailure(d("b/mb"));
      registry.onSuccess(d("b/mb"));
    }
    assertThat(f.runtime.health().state("b/mb")).isEqualTo("healthy");
    registry.onFailure(d("b/mb"));
    assertThat(f.runtime.health().state("b/mb")).isEqualTo("ejected");
  }

  @Test
  void outlier_oldFailuresLeftTheWindow_doNotCount() {
    for (int i = 0; i < 5; i++) {
      registry.onFailure(d("b/mb"));
      registry.onSuccess(d("b/mb"));
    }
    f.clock.advanceMillis(11_000);
    for (int i = 0; i < 9; i++) {
      registry.onSuccess(d("b/mb"));
    }
    registry.onFailure(d("b/mb"));
    assertThat(f.runtime.health().state("b/mb")).isEqualTo("healthy");
  }

  @Test
  void ejectionCap_halfOfThreeAllowsOne_secondStaysIn() {
    eject("a/ma");
    eject("b/mb");
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("ejected");
    assertThat(f.runtime.health().state("b/mb")).isEqualTo("healthy");
  }

  @Test
  void remoteEvents_appliedButNotRepublished_ownIgnored() {
    registry.apply(new HealthEvent("other", HealthEvent.EJECT, "c/mc", null, null, 5_000, 0));
    assertThat(f.runtime.health().isEjected("c/mc")).isTrue();
    registry.apply(new HealthEvent("other", HealthEvent.RECOVER, "c/mc", null, null, 0, 0));
    assertThat(f.runtime.health().isEjected("c/mc")).isFalse();
    registry.apply(new HealthEvent(registry.nodeId(), HealthEvent.EJECT, "c/mc", null, null, 5_000, 0));
    assertThat(f.runtime.health().isEjected("c/mc")).isFalse();
  }

  @Test
  void snapshot_afterEjection_showsStateAndNoKeyMaterial() {
    eject("a/ma");
    String json = f.runtime.health().snapshot().toString();
    assertThat(json).contains("\"id\":\"a/ma\"", "\"state\":\"ejected\"", "\"groups\"", "\"retry_budget\"");
  }

  private void eject(String id) {
    for (int i = 0; i < 3; i++) {
      registry.onFailure(d(id));
    }
  }
}
