package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.pipeline.Exchange;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyDistributionTest {
  private static final String PROVIDERS = RoutingFixture.providers("a", "b", "c");

  private static RoutingFixture fixture(String strategy, String deployments) {
    return new RoutingFixture(PROVIDERS + "models:\n  - name: m\n    strategy: " + strategy
        + "\n    deployments:\n" + deployments, "a", "b", "c");
  }

  private static final String THREE = "      - {provider: a, model: ma, weight: 1, priority: 2}\n"
      + "      - {provider: b, model: mb, weight: 3, priority: 1}\n"
      + "      - {provider: c, model: mc, weight: 0, priority: 3}\n";

  private static List<String> order(RoutingFixture f, Exchange exchange) {
    ModelGroup group = f.runtime.catalog().resolve("m").orElseThrow();
    List<String> ids = new ArrayList<>();
    for (Deployment d : f.runtime.router().plan(group, exchange, d -> true).candidates()) {
      ids.add(d.id());
    }
    return ids;
  }

  private static Map<String, Integer> firstChoices(RoutingFixture f, int requests) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < requests; i++) {
      counts.merge(order(f, f.exchange("m")).get(0), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void priority_mixedPriorities_lowestNumberFirstThenTheRest() {
    RoutingFixture f = fixture("priority", THREE);
    assertThat(order(f, f.exchange("m"))).containsExactly("b/mb", "a/ma", "c/mc");
  }

  @Test
  void weighted_weightsOneAndThree_firstChoiceFollowsWeights() {
    RoutingFixture f = fixture("weighted", THREE);
    Map<String, Integer> counts = firstChoices(f, 8_000);
    assertThat(counts.get("b/mb") / 8_000.0).isBetween(0.72, 0.78);
    assertThat(counts.get("a/ma") / 8_000.0).isBetween(0.22, 0.28);
    assertThat(counts).doesNotContainKey("c/mc");
  }

  @Test
  void weighted_zeroWeight_isAlwaysLastFallback() {
    RoutingFixture f = fixture("weighted", THREE);
    for (int i = 0; i < 200; i++) {
      assertThat(order(f, f.exchange("m"))).last().isEqualTo("c/mc");
    }
  }

  @Test
  void leastBusy_oneDeploymentIdle_idleOneFirst() {
    RoutingFixture f = fixture("least-busy", THREE);
    f.runtime.registry().byId("a/ma").inFlight.set(4);
    f.runtime.registry().byId("b/mb").inFlight.set(1);
    f.runtime.registry().byId("c/mc").inFlight.set(7);
    assertThat(order(f, f.exchange("m"))).containsExactly("b/mb", "a/ma", "c/mc");
  }

  @Test
  void leastBusy_allIdle_tiesShareTheFirstPlace() {
    RoutingFixture f = fixture("least-busy", THREE);
    Map<String, Integer> counts = firstChoices(f, 3_000);
    assertThat(counts).hasSize(3);
    counts.values().forEach(c -> assertThat(c).isBetween(850, 1_150));
  }

  @Test
  void latency_oneDeploymentSlower_powerOfTwoChoicesAvoidsIt() {
    RoutingFixture f = fixture("latency", THREE);
    long now = f.clock.nanoTime();
    f.runtime.registry().byId("a/ma").latency.observe(10_000_000, now);
    f.runtime.registry().byId("b/mb").latency.observe(12_000_000, now);
    f.runtime.registry().byId("c/mc").latency.observe(400_000_000, now);
    Map<String, Integer> counts = firstChoices(f, 3_000);
    // c wins only when both draws are c, which p2c never does: it is first only if never compared... never.
    assertThat(counts.getOrDefault("c/mc", 0)).isZero();
    // a beats b whenever both are drawn; a is drawn with c (a wins) or with b (a wins): 2/3 of pairs.
    assertThat(counts.get("a/ma") / 3_000.0).isBetween(0.62, 0.71);
    assertThat(order(f, f.exchange("m"))).last().isEqualTo("c/mc");
  }

  @Test
  void latency_streamRequest_usesTimeToFirstByte() {
    RoutingFixture f = fixture("latency", "      - {provider: a, model: ma}\n      - {provider: b, model: mb}\n");
    long now = f.clock.nanoTime();
    f.runtime.registry().byId("a/ma").latency.observe(1_000_000, now);
    f.runtime.registry().byId("a/ma").firstByte.observe(900_000_000, now);
    f.runtime.registry().byId("b/mb").latency.observe(900_000_000, now);
    f.runtime.registry().byId("b/mb").firstByte.observe(1_000_000, now);
    for (int i = 0; i < 50; i++) {
      assertThat(order(f, f.exchange("m", true, MultiMap.caseInsensitiveMultiMap())).get(0)).isEqualTo("b/mb");
      assertThat(order(f, f.exchange("m")).get(0)).isEqualTo("a/ma");
    }
  }

  @Test
  void latency_loadAdjusted_busyFastDeploymentLosesToIdleOne() {
    RoutingFixture f = fixture("latency", "      - {provider: a, model: ma}\n      - {provider: b, model: mb}\n");
    long now = f.clock.nanoTime();
    f.runtime.registry().byId("a/ma").latency.observe(10_000_000, now);
    f.runtime.registry().byId("a/ma").inFlight.set(5);
    f.runtime.registry().byId("b/mb").latency.observe(20_000_000, now);
    assertThat(order(f, f.exchange("m")).get(0)).isEqualTo("b/mb");
  }

  @Test
  void cost_pricedDeployments_cheapestFittingWindowFirst() {
    RoutingFixture f = fixture("cost",
        "      - {provider: a, model: ma, input_cost_per_million: 2.5, output_cost_per_million: 10}\n"
            + "      - {provider: b, model: mb, input_cost_per_million: 0.15, output_cost_per_million: 0.6,"
            + " context_window: 8}\n"
            + "      - {provider: c, model: mc, input_cost_per_million: 0.5, output_cost_per_million: 1.5}\n");
    List<String> small = order(f, f.exchange("m"));
    assertThat(small).containsExactly("b/mb", "c/mc", "a/ma");
    com.fasterxml.jackson.databind.node.ObjectNode big = f.exchange("m").body().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) big.get("messages").get(0)).put("content", "x".repeat(400));
    List<String> large = order(f, f.exchange(big, MultiMap.caseInsensitiveMultiMap()));
    assertThat(large).containsExactly("c/mc", "a/ma");
  }

  @Test
  void quota_firstDeploymentUsedUp_movesOnUntilNextMinute() {
    RoutingFixture f = fixture("quota", "      - {provider: a, model: ma, rpm: 3}\n"
        + "      - {provider: b, model: mb, priority: 1}\n");
    for (int i = 0; i < 3; i++) {
      assertThat(f.answer(f.exchange("m"))).isNotNull();
      assertThat(f.adapter("a").calls).hasSize(i + 1);
    }
    f.answer(f.exchange("m"));
    assertThat(f.adapter("a").calls).hasSize(3);
    assertThat(f.adapter("b").calls).hasSize(1);
    f.clock.advanceMillis(60_000);
    f.answer(f.exchange("m"));
    assertThat(f.adapter("a").calls).hasSize(4);
  }

  @Test
  void roundRobin_threeRequests_eachStartsOneFurther() {
    RoutingFixture f = fixture("round-robin", THREE);
    assertThat(order(f, f.exchange("m")).get(0)).isEqualTo("a/ma");
    assertThat(order(f, f.exchange("m")).get(0)).isEqualTo("b/mb");
    assertThat(order(f, f.exchange("m")).get(0)).isEqualTo("c/mc");
  }

  @Test
  void override_headerAndBodyField_replaceTheGroupStrategy() {
    RoutingFixture f = fixture("weighted", THREE);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(Router.STRATEGY_HEADER, "priority");
    for (int i = 0; i < 20; i++) {
      assertThat(order(f, f.exchange("m", false, headers)).get(0)).isEqualTo("b/mb");
    }
    Exchange viaBody = f.exchange("m");
    viaBody.body().putObject("switchboard").put("strategy", "priority");
    assertThat(order(f, viaBody)).containsExactly("b/mb", "a/ma", "c/mc");
    RoutePlan plan = f.runtime.router().plan(f.runtime.catalog().resolve("m").orElseThrow(), viaBody, d -> true);
    assertThat(plan.decision().shortForm(null, 0)).startsWith("strategy=priority (request); chosen=b/mb");
  }
}
