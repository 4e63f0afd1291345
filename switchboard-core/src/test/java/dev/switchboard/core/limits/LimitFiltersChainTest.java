package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.auth.AuthFilter;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.time.ManualClock;
import dev.switchboard.core.usage.Usage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Auth → RateLimit → Budget → a simulated upstream that answers later with real usage. */
class LimitFiltersChainTest {
  private final ManualClock clock = new ManualClock();

  /** Answers after a short delay, so that requests overlap, with 10 prompt and 1000 completion tokens. */
  private static Filter upstream(Vertx vertx) {
    return new Filter() {
      @Override
      public String name() {
        return "upstream";
      }

      @Override
      public Future<Verdict> onRequest(Exchange exchange) {
        Promise<Verdict> promise = Promise.promise();
        vertx.setTimer(20, id -> {
          exchange.record().usage = new Usage(10, 1000, 0, 0, 0, false);
          exchange.record().status = 200;
          ObjectNode body = Json.object().put("id", "chatcmpl-1");
          Verdict.answer(new GatewayResponse.Full(200, body)).onComplete(promise);
        });
        return promise.future();
      }
    };
  }

  private static Exchange exchange(String key, int maxTokens) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer " + key);
    ObjectNode body = Json.object().put("model", "gpt-4o-mini").put("max_tokens", maxTokens);
    body.putArray("messages").addObject().put("role", "user").put("content", "Say hello to the world");
    return new Exchange("req", 0, 0, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI, headers, body);
  }

  private static AuthFilter auth(Principal principal) {
    return new AuthFilter(List.of(key -> Future.succeededFuture("good-key".equals(key) ? principal : null)),
        "x-switchboard-customer");
  }

  @Test
  void twoHundredConcurrentRequests_throughTheChain_spendStaysWithinOneRequestOfTheBudget() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Principal principal = new Principal("k1", "k1", "t1", null, List.of(), null,
          List.of(new Quota("key:k1", null, List.of(new BudgetLimit(BudgetWindow.DAILY, 1.0, null)))), null);
      CostEstimator prices = CostEstimator.flat(5, 15);
      LocalSpendLedger ledger = new LocalSpendLedger(clock);
      FilterChain chain = new FilterChain(List.of(auth(principal),
          new RateLimitFilter(new LocalRateLimiter(clock), QuotaDirectory.NONE, 4096),
          new BudgetFilter(ledger, QuotaDirectory.NONE, prices, 4096, clock), upstream(vertx)));
      List<Future<Integer>> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
      vertx.runOnContext(v -> {
        for (int i = 0; i < 200; i++) {
          Exchange exchange = exchange("good-key", 1000);
          FilterChain.ChainRun run = chain.start(exchange);
          statuses.add(run.response().map(response -> {
            run.complete();
            return ((GatewayResponse.Full) response).status();
          }));
        }
      });
      Thread.sleep(100);
      int ok = 0;
      int refused = 0;
      for (int i = 0; i < 200; i++) {
        while (statuses.size() <= i) {
          Thread.sleep(10);
        }
        int status = statuses.get(i).await(30, TimeUnit.SECONDS);
        ok += status == 200 ? 1 : 0;
        refused += status == 429 ? 1 : 0;
      }
      long oneRequest = prices.costMicros("gpt-4o-mini", new Usage(10, 1000, 0, 0, 0, false));
      long spent = ledger.spentMicros("key:k1", BudgetWindow.DAILY).result();
      System.out.println("200 concurrent: admitted=" + ok + " refused=" + refused + " spent_usd="
          + Money.toUsd(spent));
      assertThat(ok + refused).isEqualTo(200);
      assertThat(refused).isPositive();
      assertThat(spent).isEqualTo(oneRequest * ok);
      assertThat(spent).isLessThanOrEqualTo(Money.toMicros(1.0) + oneRequest);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void rateLimited_answers429WithRetryAfterAndOpenAiHeaders() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Principal principal = new Principal("k2", "k2", null, null, List.of(), null,
          List.of(new Quota("key:k2", new RateLimits(2L, 100_000L, null), List.of())), null);
      FilterChain chain = new FilterChain(List.of(auth(principal),
          new RateLimitFilter(new LocalRateLimiter(clock), QuotaDirectory.NONE, 4096), upstream(vertx)));
      List<Exchange> exchanges = new ArrayList<>();
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Exchange exchange = exchange("good-key", 100);
        exchanges.add(exchange);
        Promise<Integer> done = Promise.promise();
        vertx.runOnContext(v -> {
          FilterChain.ChainRun run = chain.start(exchange);
          run.response().onSuccess(r -> {
            run.complete();
            done.complete(((GatewayResponse.Full) r).status());
          });
        });
        statuses.add(done.future().await(30, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsExactly(200, 200, 429);
      MultiMap first = exchanges.get(0).responseHeaders();
      assertThat(first.get("x-ratelimit-limit-requests")).isEqualTo("2");
      assertThat(first.get("x-ratelimit-remaining-requests")).isEqualTo("1");
      assertThat(first.get("x-ratelimit-limit-tokens")).isEqualTo("100000");
      MultiMap refused = exchanges.get(2).responseHeaders();
      assertThat(refused.get("retry-after")).isEqualTo("30");
      assertThat(exchanges.get(2).record().errorCode).isEqualTo("rate_limit_exceeded");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void budgetExhausted_answers429BudgetExceeded_untilTheNextPeriod() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Principal principal = new Principal("k3", "k3", null, null, List.of(), null,
          List.of(new Quota("key:k3", null, List.of(new BudgetLimit(BudgetWindow.DAILY, 0.02, null)))), null);
      LocalSpendLedger ledger = new LocalSpendLedger(clock);
      FilterChain chain = new FilterChain(List.of(auth(principal),
          new BudgetFilter(ledger, QuotaDirectory.NONE, CostEstimator.flat(5, 15), 4096, clock),
          upstream(vertx)));
      assertThat(run(vertx, chain, exchange("good-key", 1000))).isEqualTo(200);
      Exchange refused = exchange("good-key", 1000);
      assertThat(run(vertx, chain, refused)).isEqualTo(429);
      assertThat(refused.record().errorType).isEqualTo("budget_exceeded");
      assertThat(Long.parseLong(refused.responseHeaders().get("retry-after"))).isPositive();
      clock.advance(java.time.Duration.ofDays(1));
      assertThat(run(vertx, chain, exchange("good-key", 1000))).isEqualTo(200);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void customerHeader_malformed_isRejected_andWellFormed_isOnThePrincipal() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Principal principal = new Principal("k4", "k4", "t", null, List.of(), null);
      List<String> seen = new ArrayList<>();
      Filter capture = new Filter() {
        @Override
        public String name() {
          return "capture";
        }

        @Override
        public Future<Verdict> onRequest(Exchange exchange) {
          seen.add(exchange.principal().customer());
          return Verdict.answer(new GatewayResponse.Full(200, Json.object()));
        }
      };
      FilterChain chain = new FilterChain(List.of(auth(principal), capture));
      Exchange good = exchange("good-key", 10);
      good.requestHeaders().add("x-switchboard-customer", "acme-42");
      assertThat(run(vertx, chain, good)).isEqualTo(200);
      Exchange bad = exchange("good-key", 10);
      bad.requestHeaders().add("x-switchboard-customer", "acme\r\nx-evil: 1");
      assertThat(run(vertx, chain, bad)).isEqualTo(400);
      assertThat(run(vertx, chain, exchange("wrong-key", 10))).isEqualTo(401);
      assertThat(seen).containsExactly("acme-42");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static int run(Vertx vertx, FilterChain chain, Exchange exchange) throws Exception {
    Promise<Integer> done = Promise.promise();
    vertx.runOnContext(v -> {
      FilterChain.ChainRun run = chain.start(exchange);
      run.response().onSuccess(r -> {
        run.complete();
        done.complete(((GatewayResponse.Full) r).status());
      });
    });
    return done.future().await(30, TimeUnit.SECONDS);
  }
}
