package dev.switchboard.core.limits;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Redis clients sized for a gateway: a pool wide enough for bursts, and a long wait queue instead of errors. */
public final class RedisClients {
  private RedisClients() {}

  public static Redis create(Vertx vertx, String url, String password) {
    RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxPoolWaiting(8_192).setMaxWaitingHandlers(8_192);
    if (password != null) {
      options.setPassword(password);
    }
    return Redis.createClient(vertx, options);
  }
}
