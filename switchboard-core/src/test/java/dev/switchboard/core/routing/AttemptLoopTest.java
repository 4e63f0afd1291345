package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.observe.AttemptRecord;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.stream.ChunkSink;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptLoopTest {
  private static String config(String routing, String models) {
    return RoutingFixture.providers("a", "b", "c") + routing + "models:\n" + models;
  }

  private static final String NO_HEDGE = "routing:\n  hedge: {enabled: false}\n";
  private static final String THREE = "  - name: m\n    deployments:\n      - {provider: a, model: ma}\n"
      + "      - {provider: b, model: mb, priority: 1}\n      - {provider: c, model: mc, priority: 2}\n";

  @Test
  void failover_firstReturns503_secondAnswersAtOnce() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, THREE), "a", "b", "c");
    f.adapter("a").then(FakeAdapter.fail(FailureKind.SERVER_ERROR, 503));
    Exchange exchange = f.exchange("m");
    GatewayResponse response = f.answer(exchange);
    assertThat(((GatewayResponse.Full) response).body().path("model").asText()).isEqualTo("mb");
    assertThat(exchange.responseHeaders().get("x-switchboard-attempts")).isEqualTo("2");
    assertThat(exchange.responseHeaders().get("x-switchboard-provider")).isEqualTo("b");
    assertThat(exchange.responseHeaders().get("x-switchboard-model")).isEqualTo("mb");
    assertThat(exchange.responseHeaders().get("x-switchboard-route"))
        .contains("strategy=priority", "chosen=a/ma", "served=b/mb");
    assertThat(exchange.record().attempts()).extracting(AttemptRecord::outcome)
        .containsExactly("server_error", "ok");
    assertThat(exchange.record().routeDecision).contains("order=a/ma,b/mb,c/mc");
    assertThat(f.scheduler.delays).isEmpty();
  }

  @Test
  void failover_refusedAndReset_otherDeploymentsAtOnce_backoffOnlyWhenComingBack() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE + "  retry: {max_attempts: 4, base_backoff_ms: 100}\n",
        THREE), "a", "b", "c");
    f.adapter("a").then(FakeAdapter.fail(FailureKind.CONNECT, 0)).then(FakeAdapter::ok);
    f.adapter("b").then(FakeAdapter.fail(FailureKind.CONNECTION_RESET, 0));
    f.adapter("c").then(FakeAdapter.fail(FailureKind.CONNECT, 0));
    Exchange exchange = f.exchange("m");
    Future<Verdict> verdict = f.send(exchange);
    // a, b and c were each tried once without any wait; only going back to a waits a backoff.
    assertThat(f.adapter("a").calls).hasSize(1);
    assertThat(f.adapter("b").calls).hasSize(1);
    assertThat(f.adapter("c").calls).hasSize(1);
    assertThat(f.scheduler.delays).hasSize(1);
    assertThat(f.scheduler.delays.get(0)).isBetween(50L, 100L);
    assertThat(verdict.isComplete()).isFalse();
    f.scheduler.advanceMillis(100);
    assertThat(verdict.succeeded()).isTrue();
    assertThat(exchange.record().attempts()).extracting(AttemptRecord::outcome)
        .containsExactly("connect", "connection_reset", "connect", "ok");
  }

  @Test
  void noRetry_otherClientError_failsWithoutSecondAttempt() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, THREE), "a", "b", "c");
    f.adapter("a").then(FakeAdapter.fail(FailureKind.BAD_REQUEST, 422));
    Future<Verdict> verdict = f.send(f.exchange("m"));
    assertThat(verdict.failed()).isTrue();
    assertThat(((GatewayException) verdict.cause()).status()).isEqualTo(422);
    assertThat(f.adapter("b").calls).isEmpty();
  }

  @Test
  void retryAfter_sameDeploymentRetried_waitsAtLeastRetryAfter() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE,
        "  - name: solo\n    deployments:\n      - {provider: a, model: ma}\n"), "a");
    f.adapter("a").then(FakeAdapter.fail(FailureKind.SERVER_ERROR, 503, 700)).then(FakeAdapter::ok);
    Future<Verdict> verdict = f.send(f.exchange("solo"));
    assertThat(verdict.isComplete()).isFalse();
    assertThat(f.scheduler.delays).containsExactly(700L);
    f.scheduler.advanceMillis(699);
    assertThat(f.adapter("a").calls).hasSize(1);
    f.scheduler.advanceMillis(1);
    assertThat(f.adapter("a").calls).hasSize(2);
    assertThat(verdict.succeeded()).isTrue();
  }

  @Test
  void backoff_sameDeploymentWithoutRetryAfter_exponentialWithJitter() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE + "  retry: {max_attempts: 3, base_backoff_ms: 100}\n",
        "  - name: solo\n    deployments:\n      - {provider: a, model: ma}\n"), "a");
    f.adapter("a").always(FakeAdapter.fail(FailureKind.CONNECT, 0));
    Future<Verdict> verdict = f.send(f.exchange("solo"));
    f.scheduler.advanceMillis(5_000);
    assertThat(verdict.failed()).isTrue();
    assertThat(f.adapter("a").calls).hasSize(3);
    assertThat(f.scheduler.delays.get(0)).isBetween(50L, 100L);
    assertThat(f.scheduler.delays.get(1)).isBetween(100L, 200L);
  }

  @Test
  void keyPool_allKeysRateLimited_clear429WithRetryAfterWithoutKeyMaterial() {
    String yaml = "providers:\n  - name: a\n    type: openai\n    base_url: http://127.0.0.1:1/a\n"
        + "    api_keys: [sk-first-SECRET, sk-second-SECRET]\n" + NO_HEDGE
        + "models:\n  - name: solo\n    deployments:\n      - {provider: a, model: ma}\n";
    RoutingFixture f = new RoutingFixture(yaml, "a");
    f.adapter("a").always(FakeAdapter.fail(FailureKind.RATE_LIMITED, 429, 30_000));
    Future<Verdict> verdict = f.send(f.exchange("solo"));
    assertThat(f.adapter("a").calls).extracting(r -> r.apiKey())
        .containsExactlyInAnyOrder("sk-first-SECRET", "sk-second-SECRET");
    assertThat(verdict.failed()).isTrue();
    GatewayException error = (GatewayException) verdict.cause();
    assertThat(error.status()).isEqualTo(429);
    assertThat(error.code()).isEqualTo("upstream_keys_exhausted");
    assertThat(error.retryAfterSeconds()).isEqualTo(30);
    assertThat(error.getMessage()).contains("'a'", "rate-limited").doesNotContain("SECRET");
    assertThat(f.runtime.health().keyState("a", 0)).isEqualTo("cooling");
    f.clock.advanceMillis(30_000);
    assertThat(f.runtime.health().keyState("a", 0)).isEqualTo("ok");
  }

  @Test
  void keyPool_keyRejected_deadAndNextKeyServes() {
    String yaml = "providers:\n  - name: a\n    type: openai\n    base_url: http://127.0.0.1:1/a\n"
        + "    api_keys: [sk-first-SECRET, sk-second-SECRET]\n" + NO_HEDGE
        + "models:\n  - name: solo\n    deployments:\n      - {provider: a, model: ma}\n";
    RoutingFixture f = new RoutingFixture(yaml, "a");
    f.adapter("a").always(r -> "sk-first-SECRET".equals(r.apiKey())
        ? FakeAdapter.fail(FailureKind.AUTHENTICATION, 401).apply(r) : FakeAdapter.ok(r));
    for (int i = 0; i < 6; i++) {
      f.answer(f.exchange("solo"));
    }
    assertThat(f.adapter("a").calls.stream().filter(r -> r.apiKey().equals("sk-first-SECRET")).count())
        .isEqualTo(1);
    assertThat(f.runtime.health().keyState("a", 0)).isEqualTo("dead");
    assertThat(f.scheduler.delays).isEmpty();
  }

  @Test
  void keyPool_everyKeyRejected_clear502WithoutKeyMaterial() {
    String yaml = "providers:\n  - name: a\n    type: openai\n    base_url: http://127.0.0.1:1/a\n"
        + "    api_keys: [sk-first-SECRET, sk-second-SECRET]\n" + NO_HEDGE
        + "models:\n  - name: solo\n    deployments:\n      - {provider: a, model: ma}\n";
    RoutingFixture f = new RoutingFixture(yaml, "a");
    f.adapter("a").always(FakeAdapter.fail(FailureKind.AUTHENTICATION, 401));
    f.send(f.exchange("solo"));
    Future<Verdict> verdict = f.send(f.exchange("solo"));
    GatewayException error = (GatewayException) verdict.cause();
    assertThat(error.status()).isEqualTo(502);
    assertThat(error.code()).isEqualTo("upstream_keys_exhausted");
    assertThat(error.getMessage()).contains("rejected").doesNotContain("SECRET");
    assertThat(f.adapter("a").calls).hasSize(2);
    f.runtime.resetHealth();
    assertThat(f.runtime.health().keyState("a", 0)).isEqualTo("ok");
  }

  @Test
  void ejection_afterConsecutiveFailures_nextRequestsSkipDeadProvider() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, THREE), "a", "b", "c");
    f.adapter("a").always(FakeAdapter.fail(FailureKind.CONNECT, 0));
    for (int i = 0; i < 5; i++) {
      f.answer(f.exchange("m"));
    }
    assertThat(f.runtime.health().isEjected("a/ma")).isTrue();
    Exchange next = f.exchange("m");
    f.answer(next);
    assertThat(f.adapter("a").calls).hasSize(5);
    assertThat(next.responseHeaders().get("x-switchboard-route")).contains("chosen=b/mb", "skipped=a/ma:ejected");
    assertThat(next.responseHeaders().get("x-switchboard-attempts")).isEqualTo("1");
  }

  @Test
  void ejection_recovered_probeLetsItBackIn() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE + "  health: {base_ejection_ms: 1000}\n", THREE),
        "a", "b", "c");
    f.adapter("a").always(FakeAdapter.fail(FailureKind.CONNECT, 0));
    for (int i = 0; i < 5; i++) {
      f.answer(f.exchange("m"));
    }
    f.adapter("a").always(FakeAdapter::ok);
    f.clock.advanceMillis(1_000);
    Exchange probe = f.exchange("m");
    f.answer(probe);
    assertThat(probe.responseHeaders().get("x-switchboard-provider")).isEqualTo("a");
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("healthy");
  }

  @Test
  void allEjected_lastResort_stillTriesThem() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE + "  health: {max_ejection_percent: 100}\n",
        "  - name: solo\n    deployments:\n      - {provider: a, model: ma}\n"), "a");
    f.runtime.registry().apply(new HealthEvent("elsewhere", HealthEvent.EJECT, "a/ma", null, null, 60_000, 0));
    Exchange exchange = f.exchange("solo");
    f.answer(exchange);
    assertThat(exchange.responseHeaders().get("x-switchboard-route")).contains("all ejected");
    assertThat(f.runtime.health().state("a/ma")).isEqualTo("healthy");
  }

  @Test
  void hedge_firstAttemptHangs_secondDeploymentWinsAndFirstIsCancelled() {
    RoutingFixture f = new RoutingFixture(config("routing:\n  hedge: {delay_ms: 50}\n", THREE), "a", "b", "c");
    FakeAdapter a = f.adapter("a");
    a.always(a::hang);
    Exchange exchange = f.exchange("m");
    Future<Verdict> verdict = f.send(exchange);
    assertThat(verdict.isComplete()).isFalse();
    f.scheduler.advanceMillis(49);
    assertThat(f.adapter("b").calls).isEmpty();
    f.scheduler.advanceMillis(1);
    assertThat(verdict.succeeded()).isTrue();
    assertThat(a.calls.get(0).cancellation().isCancelled()).isTrue();
    assertThat(exchange.record().attempts()).extracting(AttemptRecord::outcome, AttemptRecord::hedge)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ok", true),
            org.assertj.core.groups.Tuple.tuple("hedge_lost", false));
    assertThat(f.runtime.registry().byId("a/ma").inFlight.get()).isZero();
  }

  @Test
  void hedge_defaultDelay_isGroupP95() {
    RoutingFixture f = new RoutingFixture(config("routing:\n  hedge: {min_samples: 20, min_delay_ms: 1}\n", THREE),
        "a", "b", "c");
    LatencyWindow window = f.runtime.latencyWindow(f.runtime.catalog().resolve("m").orElseThrow(), false);
    for (int i = 1; i <= 100; i++) {
      window.record(i * 1_000_000L);
    }
    FakeAdapter a = f.adapter("a");
    a.always(a::hang);
    f.send(f.exchange("m"));
    assertThat(f.scheduler.delays).containsExactly(95L);
  }

  @Test
  void hedge_budgetExhausted_noHedgeIsSent() {
    RoutingFixture f = new RoutingFixture(config("routing:\n  hedge: {delay_ms: 50}\n"
        + "  retry: {budget_ratio: 0.0, min_retries_per_second: 0}\n", THREE), "a", "b", "c");
    FakeAdapter a = f.adapter("a");
    a.always(a::hang);
    Future<Verdict> verdict = f.send(f.exchange("m"));
    f.scheduler.advanceMillis(500);
    assertThat(f.adapter("b").calls).isEmpty();
    assertThat(verdict.isComplete()).isFalse();
  }

  @Test
  void hedge_originalAnswersFirst_hedgeCancelledWithoutHealthPenalty() {
    RoutingFixture f = new RoutingFixture(config("routing:\n  hedge: {delay_ms: 50}\n", THREE), "a", "b", "c");
    FakeAdapter a = f.adapter("a");
    FakeAdapter b = f.adapter("b");
    a.always(a::hang);
    b.always(b::hang);
    Future<Verdict> verdict = f.send(f.exchange("m"));
    f.scheduler.advanceMillis(50);
    a.hanging.get(0).complete(FakeAdapter.ok(a.calls.get(0)).result());
    assertThat(verdict.succeeded()).isTrue();
    assertThat(b.calls.get(0).cancellation().isCancelled()).isTrue();
    assertThat(f.runtime.registry().byId("b/mb").snapshot(f.clock.nanoTime()).failures()).isZero();
  }

  @Test
  void contextWindow_tooSmallSkipped_andExceededErrorFallsThroughToLarger() {
    String models = "  - name: m\n    deployments:\n      - {provider: a, model: ma, context_window: 4}\n"
        + "      - {provider: b, model: mb, context_window: 100, priority: 1}\n"
        + "      - {provider: c, model: mc, context_window: 100000, priority: 2}\n";
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, models), "a", "b", "c");
    f.adapter("b").then(FakeAdapter.fail(FailureKind.CONTEXT_LENGTH_EXCEEDED, 400));
    Exchange exchange = f.exchange("m");
    f.answer(exchange);
    assertThat(f.adapter("a").calls).isEmpty();
    assertThat(exchange.responseHeaders().get("x-switchboard-provider")).isEqualTo("c");
    assertThat(exchange.responseHeaders().get("x-switchboard-route")).contains("skipped=a/ma:context");
  }

  @Test
  void crossModelFallback_groupFails_nextGroupServesWithItsOwnModel() {
    String models = "  - name: gpt-4o\n    fallbacks: [claude]\n    deployments:\n      - {provider: a, model: gpt-4o}\n"
        + "  - name: claude\n    deployments:\n      - {provider: b, model: claude-3-5-sonnet}\n";
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, models), "a", "b");
    f.adapter("a").always(FakeAdapter.fail(FailureKind.SERVER_ERROR, 500));
    Exchange exchange = f.exchange("gpt-4o");
    f.answer(exchange);
    assertThat(f.adapter("b").calls.get(0).body().path("model").asText()).isEqualTo("claude-3-5-sonnet");
    assertThat(exchange.responseHeaders().get("x-switchboard-model")).isEqualTo("claude-3-5-sonnet");
  }

  @Test
  void strategyOverride_unknownName_rejectedWith400() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, THREE), "a", "b", "c");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("x-switchboard-strategy", "fastest");
    Future<Verdict> verdict = f.send(f.exchange("m", false, headers));
    assertThat(((GatewayException) verdict.cause()).status()).isEqualTo(400);
    assertThat(verdict.cause().getMessage()).contains("fastest");
  }

  @Test
  void stream_failsBeforeFirstEvent_failsOverTransparently() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, THREE), "a", "b", "c");
    f.adapter("a").then(FakeAdapter.fail(FailureKind.CONNECTION_RESET, 0));
    FakeAdapter b = f.adapter("b");
    b.always(b::stream);
    GatewayResponse response = f.answer(f.exchange("m", true, MultiMap.caseInsensitiveMultiMap()));
    List<String> seen = collect((GatewayResponse.Stream) response);
    b.streams.get(0).emit(chunk("hi"));
    b.streams.get(0).end();
    assertThat(seen).containsExactly("hi", "end");
    assertThat(f.runtime.registry().byId("b/mb").inFlight.get()).isZero();
  }

  @Test
  void stream_cutMidway_errorReachesClientAndCountsAgainstHealth() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, THREE), "a", "b", "c");
    FakeAdapter a = f.adapter("a");
    a.always(a::stream);
    GatewayResponse response = f.answer(f.exchange("m", true, MultiMap.caseInsensitiveMultiMap()));
    List<String> seen = collect((GatewayResponse.Stream) response);
    a.streams.get(0).emit(chunk("partial"));
    a.streams.get(0).fail(new UpstreamException(FailureKind.CONNECTION_RESET, 0, "cut"));
    assertThat(seen).containsExactly("partial", "error:cut");
    assertThat(f.runtime.registry().byId("a/ma").snapshot(f.clock.nanoTime()).failures()).isEqualTo(1);
    assertThat(f.runtime.registry().byId("a/ma").inFlight.get()).isZero();
  }

  @Test
  void hedge_streamWithoutFirstEvent_hedgedStreamWinsAndLoserIsCancelled() {
    RoutingFixture f = new RoutingFixture(config("routing:\n  hedge: {delay_ms: 80}\n", THREE), "a", "b", "c");
    FakeAdapter a = f.adapter("a");
    FakeAdapter b = f.adapter("b");
    a.always(a::hang);
    b.always(b::stream);
    Future<Verdict> verdict = f.send(f.exchange("m", true, MultiMap.caseInsensitiveMultiMap()));
    f.scheduler.advanceMillis(79);
    assertThat(verdict.isComplete()).isFalse();
    f.scheduler.advanceMillis(1);
    List<String> seen = collect((GatewayResponse.Stream) verdict.result().response());
    b.streams.get(0).emit(chunk("from b"));
    b.streams.get(0).end();
    assertThat(seen).containsExactly("from b", "end");
    assertThat(a.calls.get(0).cancellation().isCancelled()).isTrue();
    assertThat(f.runtime.registry().byId("a/ma").snapshot(f.clock.nanoTime()).failures()).isEqualTo(1);
  }

  @Test
  void clientGone_whileAttemptOpen_cancelsUpstream() {
    RoutingFixture f = new RoutingFixture(config(NO_HEDGE, THREE), "a", "b", "c");
    FakeAdapter a = f.adapter("a");
    a.always(a::hang);
    Exchange exchange = f.exchange("m");
    Future<Verdict> verdict = f.send(exchange);
    exchange.cancel();
    assertThat(verdict.failed()).isTrue();
    assertThat(a.calls.get(0).cancellation().isCancelled()).isTrue();
    assertThat(f.runtime.registry().byId("a/ma").inFlight.get()).isZero();
  }

  private static ObjectNode chunk(String text) {
    ObjectNode chunk = Json.object();
    chunk.putArray("choices").addObject().putObject("delta").put("content", text);
    return chunk;
  }

  private static List<String> collect(GatewayResponse.Stream stream) {
    List<String> seen = new ArrayList<>();
    stream.chunks().start(new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        seen.add(chunk.path("choices").path(0).path("delta").path("content").asText());
      }

      @Override
      public void onEnd() {
        seen.add("end");
      }

      @Override
      public void onError(GatewayException error) {
        seen.add("error:" + error.getMessage());
      }
    });
    return seen;
  }
}
