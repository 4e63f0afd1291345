package dev.switchboard.core.auth;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key invalidations across a cluster over Redis pub/sub. Publishing also delivers locally at once. The
 * subscription runs on its own connection and is re-established after a loss; on every (re)subscription the
 * listeners get "all", because messages sent while disconnected are lost. While unsubscribed the bus reports
 * itself unhealthy, so resolvers bypass their caches.
 */
public final class RedisInvalidationBus implements InvalidationBus, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBus.class);
  private final Vertx vertx;
  private final Redis redis;
  private final String channel;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean subscribed;
  private volatile boolean closed;
  private RedisConnection connection;

  public RedisInvalidationBus(Vertx vertx, Redis redis, String channel) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = channel;
  }

  /** Opens the subscription; returns once subscribed (or failed; it keeps retrying). */
  public io.vertx.core.Future<Void> start() {
    return redis.connect().compose(conn -> {
      connection = conn;
      conn.handler(this::onMessage);
      conn.exceptionHandler(error -> lost("error: " + error.getMessage()));
      conn.endHandler(ignored -> lost("connection closed"));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
    }).<Void>map(reply -> {
      subscribed = true;
      deliver("all");
      return null;
    }).onFailure(error -> lost("subscribe failed: " + error.getMessage()));
  }

  private void lost(String reason) {
    if (closed) {
      return;
    }
    boolean was = subscribed;
    subscribed = false;
    if (was) {
      LOG.warn("event=key_invalidation_unsubscribed reason={}", reason);
    }
    if (connection != null) {
      connection.close();
      connection = null;
    }
    vertx.setTimer(500, id -> {
      if (!closed && !subscribed) {
        start();
      }
    });
  }

  private void onMessage(Response message) {
    if (message.type() != ResponseType.PUSH && message.type() != ResponseType.MULTI) {
      return;
    }
    if (message.size() >= 3 && "message".equals(message.get(0).toString())) {
      deliver(message.get(2).toString());
    }
  }

  private void deliver(String message) {
    listeners.forEach(listener -> listener.accept(message));
  }

  @Override
  public void publish(String message) {
    deliver(message);
    redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(message))
        .onFailure(error -> LOG.warn("event=key_invalidation_publish_failed reason={}", error.getMessage()));
  }

  @Override
  public void subscribe(Consumer<String> listener) {
    listeners.add(listener);
  }

  @Override
  public boolean healthy() {
    return subscribed;
  }

  @Override
  public void close() {
    closed = true;
    subscribed = false;
    if (connection != null) {
      connection.close();
    }
  }
}
