package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway nodes on loopback sharing the real Redis at 127.0.0.1:6379: exact and semantic hits cross nodes. */
class CacheClusterGatewayTest {
  private static final String STREAM = "sb:test:gateway-semantic:" + UUID.randomUUID();
  private static final String NAMESPACE = "cluster-" + UUID.randomUUID();
  private static GatewayHarness nodeA;
  private static Gateway nodeB;
  private static HttpClientAgent http;
  private static SimulatedProvider upstream;

  @BeforeAll
  static void start() throws Exception {
    upstream = new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null);
    String config = GatewayHarness.STANDARD_CONFIG.replace("cache:\n  enabled: false\n",
        "cache:\n  enabled: true\n  redis:\n    url: redis://127.0.0.1:6379\n  redis_timeout_ms: 2000\n"
            + "  semantic:\n    enabled: true\n    stream: " + STREAM + "\n");
    nodeA = GatewayHarness.start(List.of(upstream,
        new SimulatedProvider("backup", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)), config);
    GatewayConfig parsed = new ConfigLoader(ProviderRegistry.builtIn().types(), Map.of("SIM", nodeA.simUrl()))
        .parse(config);
    nodeB = Gateway.start(nodeA.vertx(), parsed).await(10, TimeUnit.SECONDS);
    http = nodeA.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    Redis.createClient(nodeA.vertx(), "redis://127.0.0.1:6379").send(Request.cmd(Command.DEL).arg(STREAM))
        .await(10, TimeUnit.SECONDS);
    nodeB.close().await(10, TimeUnit.SECONDS);
    nodeA.close();
  }

  private static MultiMap send(String baseUrl, String question, String... headers) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(baseUrl + "/v1/chat/completions");
    options.putHeader("authorization", "Bearer " + GatewayHarness.CLIENT_KEY);
    options.putHeader("content-type", "application/json");
    options.putHeader("x-switchboard-cache-namespace", NAMESPACE);
    options.putHeader("x-switchboard-cache-ttl", "120");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    String body = "{\"model\":\"gpt-4o\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\""
        + question + "\"}]}";
    return OnLoop.await(nodeA.vertx(), () -> http.request(options).compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> {
          MultiMap out = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
          out.add(":status", Integer.toString(response.statusCode()));
          return out;
        })), 30);
  }

  private static MultiMap untilCached(String baseUrl, String question) throws Exception {
    MultiMap reply = null;
    for (int i = 0; i < 300; i++) {
      reply = send(baseUrl, question, "x-switchboard-cache", "only-if-cached");
      if ("200".equals(reply.get(":status"))) {
        return reply;
      }
      Thread.sleep(50);
    }
    return reply;
  }

  @Test
  void answeredOnNodeA_sameAndParaphrasedOnNodeB_servedFromSharedCache() throws Exception {
    MultiMap first = send(nodeA.baseUrl(), "How do I reverse a list in Python?");
    assertThat(first.get("x-switchboard-cache")).isEqualTo("miss");
    long calls = upstream.requestCount();
    MultiMap exact = untilCached(nodeB.baseUrl(), "How do I reverse a list in Python?");
    assertThat(exact.get("x-switchboard-cache")).isEqualTo("hit");
    MultiMap paraphrase = untilCached(nodeB.baseUrl(), "How can I reverse a list in Python?");
    assertThat(paraphrase.get("x-switchboard-cache")).isEqualTo("semantic");
    assertThat(Double.parseDouble(paraphrase.get("x-switchboard-cache-similarity"))).isGreaterThanOrEqualTo(0.96);
    MultiMap swapped = send(nodeB.baseUrl(), "How do I reverse a list in Java?", "x-switchboard-cache",
        "only-if-cached");
    assertThat(swapped.get(":status")).isEqualTo("504");
    assertThat(upstream.requestCount()).isEqualTo(calls);
  }
}
