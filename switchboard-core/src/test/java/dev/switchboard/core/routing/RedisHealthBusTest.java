package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.RedisConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisHealthBusTest {
  private static final String CONFIG = "providers:\n  - name: a\n    type: openai\n    base_url: http://127.0.0.1:1/a\n"
      + "    api_keys: [sk-one-SECRET, sk-two-SECRET]\n  - name: b\n    type: openai\n"
      + "    base_url: http://127.0.0.1:1/b\nrouting:\n  hedge: {enabled: false}\n"
      + "models:\n  - name: m\n    deployments:\n      - {provider: a, model: ma}\n      - {provider: b, model: mb}\n";
  private static final RedisConfig REDIS = new RedisConfig("redis://127.0.0.1:6379", null);

  private final Vertx vertx = Vertx.vertx();
  private int nodes;
  private final String channel = "switchboard-test:" + UUID.randomUUID();

  private final java.util.List<RoutingRuntime> joined = new java.util.ArrayList<>();

  @AfterEach
  void close() throws Exception {
    joined.forEach(RoutingRuntime::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private RoutingFixture node() throws Exception {
    RoutingFixture node = new RoutingFixture(CONFIG, ++nodes, "a", "b");
    joined.add(node.runtime);
    node.runtime.joinCluster(vertx, REDIS, channel).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    return node;
  }

  @Test
  void ejection_onOneNode_appliedOnTheOthers() throws Exception {
    RoutingFixture first = node();
    RoutingFixture second = node();
    RoutingFixture third = node();
    Deployment a = first.runtime.registry().deployments().get("a/ma");
    for (int i = 0; i < 5; i++) {
      first.runtime.registry().onFailure(a);
    }
    assertThat(first.runtime.health().isEjected("a/ma")).isTrue();
    awaitTrue(() -> second.runtime.health().isEjected("a/ma") && third.runtime.health().isEjected("a/ma"));
    second.answer(second.exchange("m"));
    assertThat(second.adapter("a").calls).isEmpty();
    first.runtime.registry().apply(new HealthEvent("nobody", HealthEvent.RECOVER, "a/ma", null, null, 0, 0));
    first.runtime.registry().onSuccess(a);
    assertThat(first.runtime.health().isEjected("a/ma")).isFalse();
  }

  @Test
  void ejection_whileTheNodesEventLoopIsBusy_isAppliedWithoutWaitingForIt() throws Exception {
    RoutingFixture first = node();
    Vertx busy = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setBlockedThreadCheckInterval(60_000));
    CountDownLatch release = new CountDownLatch(1);
    try {
      RoutingFixture second = new RoutingFixture(CONFIG, ++nodes, "a", "b");
      joined.add(second.runtime);
      second.runtime.joinCluster(busy, REDIS, channel).toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      CountDownLatch blocked = new CountDownLatch(1);
      busy.runOnContext(v -> {
        blocked.countDown();
        try {
          release.await(8, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
      first.runtime.eject("a/ma", 60_000);
      // The node's only event loop is busy: the ejection must still be applied by the health bus's own loop.
      awaitTrue(() -> second.runtime.health().isEjected("a/ma"));
    } finally {
      release.countDown();
      busy.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void recovery_andDeadKey_travelToo() throws Exception {
    RoutingFixture first = node();
    RoutingFixture second = node();
    first.runtime.registry().onKeyRejected("a", 1);
    awaitTrue(() -> "dead".equals(second.runtime.health().keyState("a", 1)));
    second.runtime.registry().apply(new HealthEvent("x", HealthEvent.EJECT, "b/mb", null, null, 60_000, 0));
    first.runtime.registry().apply(new HealthEvent("x", HealthEvent.EJECT, "b/mb", null, null, 60_000, 0));
    first.clock.advanceMillis(60_000);
    first.runtime.registry().onSuccess(first.runtime.registry().deployments().get("b/mb"));
    awaitTrue(() -> !second.runtime.health().isEjected("b/mb"));
  }

  @Test
  void redisUnreachable_nodeStillRoutesOnItsOwn() throws Exception {
    RoutingFixture alone = new RoutingFixture(CONFIG, "a", "b");
    joined.add(alone.runtime);
    boolean failed;
    try {
      alone.runtime.joinCluster(vertx, new RedisConfig("redis://127.0.0.1:1", null), channel)
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      failed = false;
    } catch (java.util.concurrent.ExecutionException e) {
      failed = true;
    }
    assertThat(failed).isTrue();
    Deployment a = alone.runtime.registry().deployments().get("a/ma");
    for (int i = 0; i < 5; i++) {
      alone.runtime.registry().onFailure(a);
    }
    assertThat(alone.runtime.health().isEjected("a/ma")).isTrue();
    assertThat(alone.answer(alone.exchange("m"))).isNotNull();
    alone.runtime.close();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
