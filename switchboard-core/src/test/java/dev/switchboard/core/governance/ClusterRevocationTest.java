package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.auth.RedisInvalidationBus;
import dev.switchboard.core.auth.VirtualKeyResolver;
import dev.switchboard.core.limits.RedisTestSupport;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.store.Database;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two gateway nodes sharing PostgreSQL and Redis: a key revoked on one stops working on the other. */
class ClusterRevocationTest {

  @Test
  void revokeOnNodeA_nodeBWithTheKeyCached_refusesItPromptly() throws Exception {
    String prefix = GovernanceFixture.uniquePrefix();
    String channel = RedisTestSupport.uniquePrefix() + "invalidate";
    try (RedisTestSupport redisA = new RedisTestSupport(); RedisTestSupport redisB = new RedisTestSupport()) {
      RedisInvalidationBus busA = new RedisInvalidationBus(redisA.vertx, redisA.redis, channel);
      RedisInvalidationBus busB = new RedisInvalidationBus(redisB.vertx, redisB.redis, channel);
      busA.start().await(10, TimeUnit.SECONDS);
      busB.start().await(10, TimeUnit.SECONDS);
      try (GovernanceFixture nodeA = new GovernanceFixture(Database.Kind.POSTGRES, busA, prefix);
          GovernanceFixture nodeB = new GovernanceFixture(Database.Kind.POSTGRES, busB, prefix)) {
        VirtualKeyResolver resolverB = new VirtualKeyResolver(nodeB.keys, nodeB.clock, Duration.ofHours(1), busB);
        AdminResponse created = nodeA.call("POST", "/admin/keys", "{\"name\":\"shared\"}");
        String secret = created.body().path("key").asText();
        assertThat(resolve(resolverB, secret)).isNotNull();
        assertThat(resolve(resolverB, secret)).isNotNull();

        long revokedAt = System.nanoTime();
        nodeA.call("POST", "/admin/keys/" + created.body().path("id").asText() + "/revoke", null);
        Principal stillThere = resolve(resolverB, secret);
        for (int i = 0; i < 250 && stillThere != null; i++) {
          Thread.sleep(20);
          stillThere = resolve(resolverB, secret);
        }
        long millis = (System.nanoTime() - revokedAt) / 1_000_000;
        System.out.println("revocation observed on node B after " + millis + " ms");
        assertThat(stillThere).isNull();
      } finally {
        busA.close();
        busB.close();
      }
    }
  }

  @Test
  void busUnsubscribed_resolverBypassesItsCache() throws Exception {
    try (RedisTestSupport redis = new RedisTestSupport();
        GovernanceFixture node = new GovernanceFixture(Database.Kind.SQLITE)) {
      RedisInvalidationBus neverStarted = new RedisInvalidationBus(redis.vertx, redis.redis, "unused");
      KeyService direct = new KeyService(node.store, new ConfigQuotas(java.util.List.of(), java.util.List.of()),
          neverStarted, node.clock);
      VirtualKeyResolver resolver = new VirtualKeyResolver(direct, node.clock, Duration.ofHours(1), neverStarted);
      AdminResponse created = node.call("POST", "/admin/keys", "{}");
      String secret = created.body().path("key").asText();
      assertThat(resolve(resolver, secret)).isNotNull();
      // The revocation is published on a bus this resolver never hears; it must still see it.
      node.call("POST", "/admin/keys/" + created.body().path("id").asText() + "/revoke", null);
      assertThat(resolve(resolver, secret)).isNull();
    }
  }

  private static Principal resolve(VirtualKeyResolver resolver, String secret) throws Exception {
    return resolver.resolve(secret).await(30, TimeUnit.SECONDS);
  }
}
