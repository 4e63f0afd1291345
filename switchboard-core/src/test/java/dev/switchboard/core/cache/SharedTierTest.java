package dev.switchboard.core.cache;

import static dev.switchboard.core.cache.CacheTestKit.await;
import static dev.switchboard.core.cache.CacheTestKit.exchange;
import static dev.switchboard.core.cache.CacheTestKit.request;
import static dev.switchboard.core.cache.CacheTestKit.send;
import static dev.switchboard.core.cache.CacheTestKit.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cache.CacheTestKit.FakeUpstream;
import dev.switchboard.core.cache.CacheTestKit.Result;
import dev.switchboard.core.config.CacheConfig;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateway nodes (separate Vert.x instances and in-process tiers) sharing the real Redis at 127.0.0.1:6379. */
class SharedTierTest {
  private final String namespace = "test-" + UUID.randomUUID();
  private Vertx nodeA;
  private Vertx nodeB;

  @BeforeEach
  void setUp() {
    nodeA = Vertx.vertx();
    nodeB = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    nodeA.close().await();
    nodeB.close().await();
  }

  private static FilterChain node(Vertx vertx, String redisUrl, FakeUpstream upstream) {
    CacheConfig config = CacheConfig.defaults();
    SharedTier shared = new SharedTier(Redis.createClient(vertx, redisUrl), Clock.system(), 500, 1000);
    shared.warmUp(10_000).await();
    CacheFilter filter = new CacheFilter(config, new ResponseCache(config.maxBytes(), shared, Clock.system(), 60),
        null, null, vertx);
    return new FilterChain(List.of(filter, upstream));
  }

  @Test
  void answerStoredOnOneNode_askedOnTheOther_sharedHit() throws Exception {
    FakeUpstream upstreamA = new FakeUpstream();
    FakeUpstream upstreamB = new FakeUpstream();
    FilterChain a = node(nodeA, "redis://127.0.0.1:6379", upstreamA);
    FilterChain b = node(nodeB, "redis://127.0.0.1:6379", upstreamB);
    ObjectNode body = request("What is the tallest mountain?", true);
    Result first = await(send(nodeA, a, exchange(body, tenant("a"), "x-switchboard-cache-namespace", namespace)));
    Result onB = awaitHit(nodeB, b, body);
    assertThat(first.header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(onB.header("x-switchboard-cache")).isEqualTo("hit");
    assertThat(onB.chunks()).isEqualTo(first.chunks());
    assertThat(upstreamB.calls).hasValue(0);
    Result other = await(send(nodeB, b, exchange(body.deepCopy(), tenant("b"), "x-switchboard-cache-namespace",
        namespace)));
    assertThat(other.header("x-switchboard-cache")).isEqualTo("miss");
  }

  /** The store to Redis is not awaited by the client: ask with only-if-cached until it is visible (bounded). */
  private Result awaitHit(Vertx vertx, FilterChain chain, ObjectNode body) throws Exception {
    Result result = null;
    for (int i = 0; i < 100; i++) {
      result = await(send(vertx, chain, exchange(body.deepCopy(), tenant("a"), "x-switchboard-cache-namespace",
          namespace, "x-switchboard-cache", "only-if-cached")));
      if (result.status() == 200) {
        return result;
      }
      Thread.sleep(20);
    }
    return result;
  }

  @Test
  void entryFoundInRedis_keptLocallyNoLongerThanItsRemainingLife() throws Exception {
    SharedTier writer = new SharedTier(Redis.createClient(nodeA, "redis://127.0.0.1:6379"), Clock.system(), 2000,
        1000);
    SharedTier reader = new SharedTier(Redis.createClient(nodeB, "redis://127.0.0.1:6379"), Clock.system(), 2000,
        1000);
    assertThat(writer.warmUp(10_000).await()).isTrue();
    assertThat(reader.warmUp(10_000).await()).isTrue();
    dev.switchboard.core.time.ManualClock clock = new dev.switchboard.core.time.ManualClock();
    ResponseCache cacheB = new ResponseCache(1 << 20, reader, clock, 3600);
    String key = CacheScope.prefix("team:ttl", namespace) + "k";
    writer.put(key, new byte[] {1, 2, 3}, 30).await();
    assertThat(cacheB.get(key).await()).containsExactly(1, 2, 3);
    assertThat(cacheB.getLocal(key)).isNotNull();
    clock.advance(java.time.Duration.ofSeconds(31));
    assertThat(cacheB.getLocal(key)).isNull();
    writer.delete(key).await();
  }

  @Test
  void redisUnreachable_requestsStillServed_fromUpstreamThenLocalTier() throws Exception {
    FakeUpstream upstream = new FakeUpstream();
    FilterChain chain = node(nodeA, "redis://127.0.0.1:1", upstream);
    ObjectNode body = request("What is the tallest mountain?", false);
    Result first = await(send(nodeA, chain, exchange(body, tenant("a"))));
    Result second = await(send(nodeA, chain, exchange(body.deepCopy(), tenant("a"))));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("x-switchboard-cache")).isEqualTo("miss");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("x-switchboard-cache")).isEqualTo("hit");
    assertThat(upstream.calls).hasValue(1);
    ObjectNode other = request("What is the deepest lake?", false);
    assertThat(await(send(nodeA, chain, exchange(other, tenant("a")))).status()).isEqualTo(200);
  }
}
