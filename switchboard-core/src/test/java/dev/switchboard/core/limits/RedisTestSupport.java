package dev.switchboard.core.limits;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A gateway node's view of the real Redis at 127.0.0.1:6379, with a key prefix unique to the test run. */
public final class RedisTestSupport implements AutoCloseable {
  public static final String URL = "redis://127.0.0.1:6379";
  public final Vertx vertx = Vertx.vertx();
  public final Redis redis = RedisClients.create(vertx, URL, null);

  public static String uniquePrefix() {
    return "sbtest:" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** Deletes every key under {@code prefix}. */
  public void deleteKeys(String prefix) throws Exception {
    Response keys = redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await(10, TimeUnit.SECONDS);
    for (Response key : keys) {
      redis.send(Request.cmd(Command.DEL).arg(key.toString())).await(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    redis.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
