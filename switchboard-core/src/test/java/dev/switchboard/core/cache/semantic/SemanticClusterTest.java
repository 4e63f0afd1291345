package dev.switchboard.core.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.cache.CacheAssembly;
import dev.switchboard.core.cache.CacheFilter;
import dev.switchboard.core.config.CacheConfig;
import dev.switchboard.core.config.RedisConfig;
import dev.switchboard.core.config.SemanticCacheConfig;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes (separate Vert.x instances, in-process tiers and indexes) sharing the real Redis at 127.0.0.1:6379. */
class SemanticClusterTest {
  private final String stream = "sb:test:semantic:" + UUID.randomUUID();
  private Vertx vertxA;
  private Vertx vertxB;
  private CacheAssembly nodeA;
  private CacheAssembly nodeB;

  @BeforeEach
  void setUp() throws Exception {
    CacheConfig config = new CacheConfig(null, null, null, null, null,
        new RedisConfig("redis://127.0.0.1:6379", null), 2000, 100, null,
        new SemanticCacheConfig(true, null, null, null, null, null, null, null, stream));
    vertxA = Vertx.vertx();
    vertxB = Vertx.vertx();
    nodeA = CacheAssembly.create(config, vertxA, Clock.system(), "node-a", null);
    nodeB = CacheAssembly.create(config, vertxB, Clock.system(), "node-b", null);
    assertThat(nodeA.redisReady().await()).isTrue();
    assertThat(nodeB.redisReady().await()).isTrue();
  }

  @AfterEach
  void tearDown() throws Exception {
    io.vertx.redis.client.Redis.createClient(vertxA, "redis://127.0.0.1:6379")
        .send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(stream))
        .await(10, TimeUnit.SECONDS);
    nodeA.close().await();
    nodeB.close().await();
    vertxA.close().await();
    vertxB.close().await();
  }

  /** An upstream that answers every request, counting calls. */
  private static final class Upstream implements Filter {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
      return "upstream";
    }

    @Override
    public Future<Verdict> onRequest(Exchange exchange) {
      calls.incrementAndGet();
      ObjectNode body = Json.object().put("id", "c1").put("object", "chat.completion").put("model", "m");
      ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", "Use reversed() or list.reverse().");
      return Verdict.answer(GatewayResponse.ok(body));
    }
  }

  private static MultiMap send(Vertx vertx, FilterChain chain, String question, String... headers) throws Exception {
    ObjectNode body = Json.object().put("model", "gpt-4o").put("temperature", 0);
    body.putArray("messages").addObject().put("role", "user").put("content", question);
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    Exchange exchange = new Exchange("r", 0, 0, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI, map, body);
    exchange.principal(new Principal("k", "k", "cluster-test", null, List.of(), Map.of()));
    CompletableFuture<MultiMap> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      FilterChain.ChainRun run = chain.start(exchange);
      run.response().onComplete(r -> {
        run.complete();
        MultiMap out = MultiMap.caseInsensitiveMultiMap().addAll(exchange.responseHeaders());
        out.add(":status", Integer.toString(r.result().status()));
        done.complete(out);
      });
    });
    return done.get(30, TimeUnit.SECONDS);
  }

  @Test
  void promptStoredOnNodeA_paraphraseOnNodeB_semanticHit() throws Exception {
    Upstream upstreamA = new Upstream();
    Upstream upstreamB = new Upstream();
    FilterChain a = new FilterChain(List.of(nodeA.filter(), upstreamA));
    FilterChain b = new FilterChain(List.of(nodeB.filter(), upstreamB));
    String namespace = "ns-" + UUID.randomUUID();
    MultiMap first = send(vertxA, a, "How do I reverse a list in Python?", "x-switchboard-cache-namespace", namespace,
        "x-switchboard-cache-ttl", "60");
    assertThat(first.get("x-switchboard-cache")).isEqualTo("miss");
    MultiMap onB = null;
    for (int i = 0; i < 300; i++) {
      onB = send(vertxB, b, "How can I reverse a list in Python?", "x-switchboard-cache-namespace", namespace,
          "x-switchboard-cache", "only-if-cached");
      if ("200".equals(onB.get(":status"))) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(onB.get("x-switchboard-cache"))
        .as("node A %s, node B %s", nodeA.filter().semantic().statsJson(), nodeB.filter().semantic().statsJson())
        .isEqualTo("semantic");
    assertThat(Double.parseDouble(onB.get("x-switchboard-cache-similarity"))).isGreaterThanOrEqualTo(0.96);
    assertThat(upstreamB.calls).hasValue(0);
    assertThat(nodeB.stream().received()).isPositive();
    MultiMap swapped = send(vertxB, b, "How do I reverse a list in Python?", "x-switchboard-cache-namespace",
        "other-" + namespace, "x-switchboard-cache", "only-if-cached");
    assertThat(swapped.get(":status")).isEqualTo("504");
  }
}
