package dev.switchboard.server.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway nodes sharing PostgreSQL and the real Redis at 127.0.0.1:6379. */
class TwoNodeClusterTest {
  private static final String PREFIX = GovernedGateway.uniquePrefix();
  private static GovernedGateway nodeA;
  private static GovernedGateway nodeB;

  @BeforeAll
  static void start() throws Exception {
    nodeA = GovernedGateway.start(PREFIX, true, "null");
    nodeB = GovernedGateway.start(PREFIX, true, "null");
  }

  @AfterAll
  static void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    GovernanceHttpTest.dropTables(PREFIX);
    Vertx vertx = Vertx.vertx();
    Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
    Response keys = redis.send(Request.cmd(Command.KEYS).arg("sb:" + PREFIX + "*")).await(10, TimeUnit.SECONDS);
    for (Response key : keys) {
      redis.send(Request.cmd(Command.DEL).arg(key.toString())).await(10, TimeUnit.SECONDS);
    }
    redis.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String createKey(String spec) throws Exception {
    GovernedGateway.Reply created = nodeA.admin("POST", "/admin/keys", spec);
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("key").asText();
  }

  @Test
  void requestsPerMinute_concurrentOnBothNodes_admitsExactlyTheLimit() throws Exception {
    String key = createKey("{\"limits\":{\"requests_per_minute\":10}}");
    List<CompletableFuture<GovernedGateway.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replies.add(nodeA.chatAsync(key, null));
      replies.add(nodeB.chatAsync(key, null));
    }
    int ok = 0;
    int limited = 0;
    for (CompletableFuture<GovernedGateway.Reply> reply : replies) {
      int status = reply.get(60, TimeUnit.SECONDS).status();
      ok += status == 200 ? 1 : 0;
      limited += status == 429 ? 1 : 0;
    }
    assertThat(ok).isEqualTo(10);
    assertThat(limited).isEqualTo(30);
  }

  @Test
  void budget_twoHundredConcurrentRequestsAcrossNodes_overspendAtMostOneRequestPerNode() throws Exception {
    GovernedGateway.Reply created = nodeA.admin("POST", "/admin/keys",
        "{\"budgets\":[{\"window\":\"daily\",\"max_usd\":0.01}]}");
    String key = created.body().path("key").asText();
    List<CompletableFuture<GovernedGateway.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      replies.add(nodeA.chatAsync(key, null));
      replies.add(nodeB.chatAsync(key, null));
    }
    int ok = 0;
    double oneRequest = 0;
    for (CompletableFuture<GovernedGateway.Reply> reply : replies) {
      GovernedGateway.Reply r = reply.get(60, TimeUnit.SECONDS);
      if (r.status() == 200) {
        ok++;
        var usage = r.body().path("usage");
        oneRequest = Math.max(oneRequest, (usage.path("prompt_tokens").asLong() * 5.0
            + usage.path("completion_tokens").asLong() * 15.0) / 1_000_000);
      } else {
        assertThat(r.status()).isEqualTo(429);
      }
    }
    String spendPath = "/admin/keys/" + created.body().path("id").asText() + "/spend";
    double spent = 0;
    for (int i = 0; i < 50 && spent < ok * oneRequest * 0.99; i++) {
      spent = nodeB.admin("GET", spendPath, null).body().path("budgets").get(0).path("spent_usd").asDouble();
      Thread.sleep(20);
    }
    System.out.println("two nodes, 200 concurrent: ok=" + ok + " spent_usd=" + spent + " one_request_usd="
        + oneRequest);
    assertThat(ok).isPositive().isLessThan(200);
    assertThat(spent).isPositive().isLessThanOrEqualTo(0.01 + 2 * oneRequest);
  }

  @Test
  void revokeOnNodeA_keyCachedOnNodeB_stopsWorkingOnNodeB() throws Exception {
    GovernedGateway.Reply created = nodeA.admin("POST", "/admin/keys", "{}");
    String key = created.body().path("key").asText();
    assertThat(nodeB.chat(key, null).status()).isEqualTo(200);
    assertThat(nodeB.chat(key, null).status()).isEqualTo(200);
    nodeA.admin("POST", "/admin/keys/" + created.body().path("id").asText() + "/revoke", null);
    long revoked = System.nanoTime();
    int status = 200;
    while (status == 200 && System.nanoTime() - revoked < 3_000_000_000L) {
      status = nodeB.chat(key, null).status();
      if (status == 200) {
        Thread.sleep(20);
      }
    }
    long stoppedAfterMillis = (System.nanoTime() - revoked) / 1_000_000;
    assertThat(status).isEqualTo(401);
    assertThat(stoppedAfterMillis).as("a revoked key stops working on every node within 1 s").isLessThan(1_000);
  }
}
