package dev.switchboard.core.cache;

import static dev.switchboard.core.cache.CacheTestKit.await;
import static dev.switchboard.core.cache.CacheTestKit.exchange;
import static dev.switchboard.core.cache.CacheTestKit.request;
import static dev.switchboard.core.cache.CacheTestKit.send;
import static dev.switchboard.core.cache.CacheTestKit.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.cache.CacheTestKit.FakeUpstream;
import dev.switchboard.core.cache.CacheTestKit.Result;
import dev.switchboard.core.config.CacheConfig;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.time.ManualClock;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheFilterTest {
  private Vertx vertx;
  private ManualClock clock;
  private FakeUpstream upstream;
  private CacheFilter filter;
  private FilterChain chain;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    clock = new ManualClock();
    upstream = new FakeUpstream();
    CacheConfig config = CacheConfig.defaults();
    filter = new CacheFilter(config, new ResponseCache(config.maxBytes(), null, clock, 60), null,
        (model, usage) -> usage.totalTokens() * 0.001, vertx);
    chain = new FilterChain(List.of(filter, upstream));
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private Result call(ObjectNode body, String team, String... headers) throws Exception {
    return await(send(vertx, chain, exchange(body, tenant(team), headers)));
  }

  @Test
  void repeatedRequest_sameTenant_servedFromCacheWithSavedCost() throws Exception {
    Result first = call(request("What is the capital of France?", false), "a");
    Result second = call(request("What is the capital of France?", false), "a");
    assertThat(first.header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(second.header("x-switchboard-cache")).isEqualTo("hit");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.cacheStatus()).isEqualTo("hit");
    assertThat(second.savedCostUsd()).isEqualTo(19 * 0.001);
    assertThat(upstream.calls).hasValue(1);
    assertThat(filter.cache().stats().hits()).isEqualTo(1);
  }

  @Test
  void sameRequest_otherTenant_misses() throws Exception {
    call(request("What is the capital of France?", false), "a");
    Result other = call(request("What is the capital of France?", false), "b");
    assertThat(other.header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(upstream.calls).hasValue(2);
  }

  @Test
  void otherModelOrParameters_misses() throws Exception {
    call(request("What is the capital of France?", false), "a");
    ObjectNode otherModel = request("What is the capital of France?", false).put("model", "gpt-4o-mini");
    ObjectNode hotter = request("What is the capital of France?", false).put("temperature", 0.5);
    assertThat(call(otherModel, "a").header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(call(hotter, "a").header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(upstream.calls).hasValue(3);
  }

  @Test
  void streamedAnswer_replayedAsStream_equalsOriginal() throws Exception {
    Result original = call(request("Tell me about Paris.", true), "a");
    Result replay = call(request("Tell me about Paris.", true), "a");
    assertThat(replay.header("x-switchboard-cache")).isEqualTo("hit");
    assertThat(replay.chunks()).isEqualTo(original.chunks());
    assertThat(original.chunks()).isEqualTo(CacheTestKit.chunks(upstream.answer));
    assertThat(upstream.calls).hasValue(1);
  }

  @Test
  void streamedAnswer_askedWithoutStream_servedAsCompletionWithSameContentAndUsage() throws Exception {
    call(request("Tell me about Paris.", true), "a");
    Result whole = call(request("Tell me about Paris.", false), "a");
    assertThat(whole.header("x-switchboard-cache")).isEqualTo("hit");
    assertThat(whole.text()).isEqualTo(upstream.answer);
    assertThat(whole.body().path("usage").path("total_tokens").asInt()).isEqualTo(19);
    assertThat(whole.body().path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(whole.body().path("object").asText()).isEqualTo("chat.completion");
  }

  @Test
  void completion_askedAsStream_servedAsChunksWithSameContentAndUsage() throws Exception {
    call(request("Tell me about Paris.", false), "a");
    Result streamed = call(request("Tell me about Paris.", true), "a");
    assertThat(streamed.header("x-switchboard-cache")).isEqualTo("hit");
    assertThat(streamed.text()).isEqualTo(upstream.answer);
    ObjectNode last = streamed.chunks().get(streamed.chunks().size() - 1);
    assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(19);
    assertThat(StreamAssembler.assemble(streamed.chunks()).path("choices"))
        .isEqualTo(CacheTestKit.completion(upstream.answer).path("choices"));
  }

  @Test
  void streamReplay_clientDidNotAskForUsage_noUsageChunk() throws Exception {
    call(request("Tell me about Paris.", true), "a");
    ObjectNode noUsage = request("Tell me about Paris.", true);
    noUsage.remove("stream_options");
    Result replay = call(noUsage, "a");
    assertThat(replay.header("x-switchboard-cache")).isEqualTo("hit");
    assertThat(replay.chunks()).noneMatch(chunk -> chunk.has("usage"));
    assertThat(replay.text()).isEqualTo(upstream.answer);
  }

  @Test
  void ttlElapsed_injectedClock_misses() throws Exception {
    call(request("What is the capital of France?", false), "a", "x-switchboard-cache-ttl", "30");
    clock.advance(Duration.ofSeconds(29));
    assertThat(call(request("What is the capital of France?", false), "a").header("x-switchboard-cache"))
        .isEqualTo("hit");
    clock.advance(Duration.ofSeconds(2));
    assertThat(call(request("What is the capital of France?", false), "a").header("x-switchboard-cache"))
        .isEqualTo("miss");
    assertThat(upstream.calls).hasValue(2);
  }

  @Test
  void controls_noStoreNoCacheOnlyIfCached_behave() throws Exception {
    ObjectNode body = request("What is the capital of France?", false);
    assertThat(call(body, "a", "x-switchboard-cache", "no-store").header("x-switchboard-cache")).isEqualTo("miss");
    Result onlyIfCached = call(body, "a", "x-switchboard-cache", "only-if-cached");
    assertThat(onlyIfCached.status()).isEqualTo(504);
    assertThat(onlyIfCached.body().path("error").path("code").asText()).isEqualTo("cache_miss");
    call(body, "a");
    Result noCache = call(body, "a", "x-switchboard-cache", "no-cache");
    assertThat(noCache.header("x-switchboard-cache")).isEqualTo("bypass");
    assertThat(call(body, "a", "x-switchboard-cache", "only-if-cached").header("x-switchboard-cache"))
        .isEqualTo("hit");
    assertThat(upstream.calls).hasValue(3);
  }

  @Test
  void namespaceHeader_differentNamespaces_isolated() throws Exception {
    ObjectNode body = request("What is the capital of France?", false);
    call(body, "a", "x-switchboard-cache-namespace", "blue");
    assertThat(call(body, "a", "x-switchboard-cache-namespace", "green").header("x-switchboard-cache"))
        .isEqualTo("miss");
    assertThat(call(body, "a", "x-switchboard-cache-namespace", "blue").header("x-switchboard-cache"))
        .isEqualTo("hit");
    Result bad = call(body, "a", "x-switchboard-cache-namespace", "a:b");
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void purgeNamespace_afterStore_misses() throws Exception {
    ObjectNode body = request("What is the capital of France?", false);
    call(body, "a", "x-switchboard-cache-namespace", "blue");
    assertThat(filter.cache().purgeNamespace("team:a", "blue").toCompletionStage().toCompletableFuture().get())
        .isEqualTo(1);
    assertThat(call(body, "a", "x-switchboard-cache-namespace", "blue").header("x-switchboard-cache"))
        .isEqualTo("miss");
  }

  @Test
  void concurrentIdenticalMisses_singleFlight_oneUpstreamCall() throws Exception {
    upstream.gate = Promise.promise();
    List<CompletableFuture<Result>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(send(vertx, chain, exchange(request("What is the capital of France?", i % 2 == 0), tenant("a"))));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (filter.cache().stats().singleFlightWaits() < 7 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    vertx.runOnContext(v -> upstream.gate.complete());
    List<String> statuses = new ArrayList<>();
    for (CompletableFuture<Result> result : results) {
      Result done = await(result);
      statuses.add(done.header("x-switchboard-cache"));
      assertThat(done.text()).isEqualTo(upstream.answer);
    }
    assertThat(upstream.calls).hasValue(1);
    assertThat(statuses).containsOnlyOnce("miss").contains("hit");
  }

  @Test
  void truncatedStream_tooLarge_notStored() throws Exception {
    CacheConfig small = new CacheConfig(null, null, null, null, 200, null, null, null, null, null);
    CacheFilter tiny = new CacheFilter(small, new ResponseCache(small.maxBytes(), null, clock, 60), null, null, vertx);
    FilterChain tinyChain = new FilterChain(List.of(tiny, upstream));
    ObjectNode body = request("Tell me about Paris.", true);
    Result first = await(send(vertx, tinyChain, exchange(body, tenant("a"))));
    Result second = await(send(vertx, tinyChain, exchange(body.deepCopy(), tenant("a"))));
    assertThat(first.text()).isEqualTo(upstream.answer);
    assertThat(second.header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(upstream.calls).hasValue(2);
  }

  @Test
  void upstreamError_notStored() throws Exception {
    FilterChain failing = new FilterChain(List.of(filter, new dev.switchboard.core.pipeline.Filter() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public io.vertx.core.Future<dev.switchboard.core.pipeline.Verdict> onRequest(
          dev.switchboard.core.pipeline.Exchange exchange) {
        return dev.switchboard.core.pipeline.Verdict.reject(
            dev.switchboard.core.pipeline.GatewayException.badGateway("upstream failed", "upstream_error"));
      }
    }));
    ObjectNode body = request("What is the capital of France?", false);
    assertThat(await(send(vertx, failing, exchange(body, tenant("a")))).status()).isEqualTo(502);
    assertThat(call(body, "a").header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(Json.writeString(filter.cache().statsJson())).contains("\"misses\":2");
  }
}
