package dev.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Json;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FilterChainTest {
  private final List<String> events = new ArrayList<>();
  private final List<ChainContractViolation> violations = new ArrayList<>();

  private Exchange exchange() {
    return new Exchange("req_1", 0, 0, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI,
        MultiMap.caseInsensitiveMultiMap(), Json.object().put("model", "m"));
  }

  private Filter filter(String name, Function<Exchange, Future<Verdict>> request) {
    return new Filter() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Verdict> onRequest(Exchange exchange) {
        events.add(name + ".request");
        return request.apply(exchange);
      }

      @Override
      public GatewayResponse onResponse(Exchange exchange, GatewayResponse response) {
        events.add(name + ".response");
        return response;
      }

      @Override
      public void onComplete(Exchange exchange) {
        events.add(name + ".complete");
      }
    };
  }

  private Filter passing(String name) {
    return filter(name, e -> Verdict.proceed());
  }

  private Filter answering(String name, int status) {
    return filter(name, e -> Verdict.answer(new GatewayResponse.Full(status, Json.object())));
  }

  private GatewayResponse run(List<Filter> filters) {
    FilterChain chain = new FilterChain(filters, violations::add);
    FilterChain.ChainRun run = chain.start(exchange());
    assertThat(run.response().isComplete()).isTrue();
    GatewayResponse response = run.response().result();
    run.complete();
    return response;
  }

  @Test
  void allFiltersContinue_lastAnswers_responseSidesUnwindInReverse() {
    GatewayResponse response = run(List.of(passing("a"), passing("b"), answering("route", 200)));
    assertThat(response.status()).isEqualTo(200);
    assertThat(events).containsExactly("a.request", "b.request", "route.request", "b.response", "a.response",
        "route.complete", "b.complete", "a.complete");
    assertThat(violations).isEmpty();
  }

  @Test
  void middleFilterAnswers_laterFiltersDoNotRun_andOnlyEarlierResponseSidesRun() {
    GatewayResponse response = run(List.of(passing("a"), answering("cache", 203), passing("route")));
    assertThat(response.status()).isEqualTo(203);
    assertThat(events).containsExactly("a.request", "cache.request", "a.response", "cache.complete",
        "a.complete");
  }

  @Test
  void filterRejectsWithGatewayException_clientGetsThatErrorAndShortCircuitIsStillCompleted() {
    GatewayResponse response = run(List.of(passing("log"),
        filter("auth", e -> Verdict.reject(GatewayException.unauthorized("no key"))), passing("route")));
    assertThat(response.status()).isEqualTo(401);
    assertThat(((GatewayResponse.Full) response).body().path("error").path("type").asText())
        .isEqualTo("authentication_error");
    assertThat(events).containsExactly("log.request", "auth.request", "log.response", "auth.complete",
        "log.complete");
  }

  @Test
  void guardRefusal_isRecordedAsAGuardOutcome_butTheLastFiltersErrorsAndEarlyAnswersAreNot() {
    Exchange refused = exchange();
    new FilterChain(List.of(passing("log"), filter("rate-limit",
        e -> Verdict.reject(GatewayException.rateLimited("slow down", 2))), passing("route")))
        .start(refused).complete();
    assertThat(refused.record().guardOutcomes).containsExactly("rate-limit:429");
    Exchange cached = exchange();
    new FilterChain(List.of(passing("log"), answering("cache", 200), passing("route"))).start(cached).complete();
    assertThat(cached.record().guardOutcomes).isEmpty();
    Exchange upstreamFailed = exchange();
    new FilterChain(List.of(passing("log"), answering("route", 502))).start(upstreamFailed).complete();
    assertThat(upstreamFailed.record().guardOutcomes).isEmpty();
  }

  @Test
  void filterReturnsNoVerdict_violationNamesTheFilter_andClientGets500() {
    GatewayResponse response = run(List.of(passing("a"), filter("sloppy", e -> null), passing("route")));
    assertThat(response.status()).isEqualTo(500);
    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.filter()).isEqualTo("sloppy");
      assertThat(v.getMessage()).contains("'sloppy'").contains("no verdict");
    });
  }

  @Test
  void filterThrows_violationNamesTheFilter() {
    GatewayResponse response = run(List.of(filter("boom", e -> {
      throw new IllegalStateException("bad state");
    }), passing("route")));
    assertThat(response.status()).isEqualTo(500);
    assertThat(violations).singleElement().satisfies(v -> assertThat(v.filter()).isEqualTo("boom"));
  }

  @Test
  void lastFilterContinues_violationSaysNothingAnswered() {
    GatewayResponse response = run(List.of(passing("a"), passing("route")));
    assertThat(response.status()).isEqualTo(500);
    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.filter()).isEqualTo("route");
      assertThat(v.getMessage()).contains("nothing answered");
    });
  }

  @Test
  void asynchronousVerdict_chainResumesWhenItCompletes() {
    Promise<Verdict> later = Promise.promise();
    FilterChain chain = new FilterChain(List.of(passing("a"), filter("slow", e -> later.future()),
        answering("route", 200)), violations::add);
    FilterChain.ChainRun run = chain.start(exchange());
    assertThat(run.response().isComplete()).isFalse();
    assertThat(events).containsExactly("a.request", "slow.request");
    later.complete(Verdict.proceed().result());
    assertThat(run.response().result().status()).isEqualTo(200);
    assertThat(events).contains("route.request", "slow.response", "a.response");
  }

  @Test
  void asynchronousFailure_withNonGatewayException_isAViolation() {
    Promise<Verdict> later = Promise.promise();
    FilterChain.ChainRun run = new FilterChain(List.of(filter("async", e -> later.future()),
        answering("route", 200)), violations::add).start(exchange());
    later.fail(new RuntimeException("lost connection"));
    assertThat(run.response().result().status()).isEqualTo(500);
    assertThat(violations).singleElement().satisfies(v -> assertThat(v.filter()).isEqualTo("async"));
  }

  @Test
  void responseSideThrows_isReplacedBy500AndUnwindingContinues() {
    Filter broken = new Filter() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Future<Verdict> onRequest(Exchange exchange) {
        return Verdict.proceed();
      }

      @Override
      public GatewayResponse onResponse(Exchange exchange, GatewayResponse response) {
        throw new IllegalArgumentException("oops");
      }
    };
    GatewayResponse response = run(List.of(passing("outer"), broken, answering("route", 200)));
    assertThat(response.status()).isEqualTo(500);
    assertThat(events).contains("outer.response");
    assertThat(violations).singleElement().satisfies(v -> assertThat(v.filter()).isEqualTo("broken"));
  }

  @Test
  void complete_calledTwice_runsOnce() {
    FilterChain.ChainRun run = new FilterChain(List.of(answering("route", 200))).start(exchange());
    run.complete();
    run.complete();
    assertThat(events).containsExactly("route.request", "route.complete");
  }

  @Test
  void describe_listsFiltersInOrder() {
    FilterChain chain = new FilterChain(List.of(passing("request-id"), passing("auth"), answering("route", 200)));
    assertThat(chain.describe()).isEqualTo("request-id → auth → route");
  }

  @Test
  void rateLimitedRejection_setsRetryAfterHeader() {
    Exchange exchange = exchange();
    FilterChain.ChainRun run = new FilterChain(List.of(filter("limits",
        e -> Verdict.reject(GatewayException.rateLimited("slow down", 7))))).start(exchange);
    assertThat(run.response().result().status()).isEqualTo(429);
    assertThat(exchange.responseHeaders().get("retry-after")).isEqualTo("7");
  }
}
