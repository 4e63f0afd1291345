package dev.switchboard.core.routing;

import dev.switchboard.core.config.RedisConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health events over Redis pub/sub: one dedicated connection subscribed to the channel, one for publishing.
 * Redis going away never fails a request: publishing is fire-and-forget, and both connections are re-established
 * with a bounded backoff while the node keeps routing on its own view.
 *
 * <p>Both connections live on an event loop of their own, not on one that serves requests: an ejection from
 * another node is applied as soon as it arrives instead of waiting behind the request work queued on a busy loop,
 * and a publish does not wait for such a loop either.
 */
final class RedisHealthBus implements HealthBus {
  private static final Logger LOG = LoggerFactory.getLogger(RedisHealthBus.class);
  private static final long MAX_RECONNECT_MILLIS = 5_000;

  private final Vertx vertx;
  private final RedisOptions options;
  private final String channel;
  private final List<Consumer<HealthEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile RedisConnection publisher;
  private volatile RedisConnection subscriber;
  private volatile boolean closed;
  private long reconnectMillis = 100;

  RedisHealthBus(Vertx nodeVertx, RedisConfig config, String channel) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1).setPreferNativeTransport(nodeVertx.isNativeTransportEnabled()));
    this.channel = channel;
    this.options = new RedisOptions().setConnectionString(config.url() == null ? "redis://127.0.0.1:6379"
        : config.url()).setMaxWaitingHandlers(4096);
    if (config.password() != null) {
      options.setPassword(config.password());
    }
  }

  /** Connects both sides; completes once subscribed (fails, but keeps retrying, when Redis is down). */
  Future<Void> start() {
    Promise<Void> ready = Promise.promise();
    vertx.runOnContext(v -> connect(ready));
    return ready.future();
  }

  private void connect(Promise<Void> ready) {
    if (closed) {
      return;
    }
    Redis.createClient(vertx, options).connect()
        .compose(sub -> {
          subscriber = sub;
          sub.handler(this::onMessage);
          sub.exceptionHandler(e -> lost("subscriber"));
          sub.endHandler(v -> lost("subscriber"));
          return sub.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
        })
        .compose(subscribed -> Redis.createClient(vertx, options).connect())
        .onSuccess(pub -> {
          publisher = pub;
          pub.exceptionHandler(e -> lost("publisher"));
          pub.endHandler(v -> lost("publisher"));
          reconnectMillis = 100;
          if (ready != null) {
            ready.tryComplete();
          }
        })
        .onFailure(e -> {
          RedisConnection half = subscriber;
          subscriber = null;
          closeQuietly(half);
          LOG.warn("cluster health: cannot reach Redis ({}); this node routes on its own view",
              e.getClass().getSimpleName());
          if (ready != null) {
            ready.tryFail(e);
          }
          scheduleReconnect();
        });
  }

  private void lost(String which) {
    if (closed) {
      return;
    }
    RedisConnection pub = publisher;
    RedisConnection sub = subscriber;
    publisher = null;
    subscriber = null;
    if (pub == null && sub == null) {
      return;
    }
    LOG.warn("cluster health: lost the Redis {} connection; reconnecting", which);
    closeQuietly(pub);
    closeQuietly(sub);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    long delay = reconnectMillis;
    reconnectMillis = Math.min(MAX_RECONNECT_MILLIS, reconnectMillis * 2);
    vertx.setTimer(delay, id -> connect(null));
  }

  private void onMessage(Response message) {
    if (message == null || message.size() < 3 || !"message".equals(message.get(0).toString())) {
      return;
    }
    HealthEvent event = HealthEvent.fromJson(message.get(2).toString());
    if (event != null) {
      for (Consumer<HealthEvent> listener : listeners) {
        listener.accept(event);
      }
    }
  }

  @Override
  public void publish(HealthEvent event) {
    RedisConnection pub = publisher;
    if (pub == null) {
      return;
    }
    pub.send(Request.cmd(Command.PUBLISH).arg(channel).arg(event.toJson()))
        .onFailure(e -> LOG.debug("cluster health: publish failed ({})", e.getClass().getSimpleName()));
  }

  @Override
  public void subscribe(Consumer<HealthEvent> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(publisher);
    closeQuietly(subscriber);
    vertx.close();
  }

  private static void closeQuietly(RedisConnection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (RuntimeException ignored) {
        // already closed
      }
    }
  }
}
