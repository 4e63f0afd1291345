package dev.switchboard.core.cache;

import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shared tier in Redis. Every operation has a deadline; a failure marks Redis as down for a back-off period
 * during which reads are misses and writes are skipped, so an unavailable Redis costs the client nothing but the
 * hit it could have had.
 */
public final class SharedTier {
  private final Redis redis;
  private final Clock clock;
  private final long timeoutMillis;
  private final long backoffNanos;
  private final AtomicLong downUntilNanos = new AtomicLong(Long.MIN_VALUE);
  private final LongAdder errors = new LongAdder();

  public SharedTier(Redis redis, Clock clock, long timeoutMillis, long backoffMillis) {
    this.redis = redis;
    this.clock = clock;
    this.timeoutMillis = timeoutMillis;
    this.backoffNanos = TimeUnit.MILLISECONDS.toNanos(backoffMillis);
  }

  /**
   * Opens the first connection (which costs far more than one operation's deadline) with a generous deadline;
   * call it at start-up. Yields whether Redis answered; never fails.
   */
  public Future<Boolean> warmUp(long deadlineMillis) {
    return redis.send(Request.cmd(Command.PING)).timeout(deadlineMillis, TimeUnit.MILLISECONDS)
        .map(response -> true).otherwise(error -> {
          failed(error);
          return false;
        });
  }

  /** A stored value and how many milliseconds it has left to live. */
  public record Found(byte[] bytes, long ttlMillis) {}

  /** The stored bytes and their remaining life, or null on a miss or when Redis is unavailable. Never fails. */
  public Future<Found> get(String key) {
    if (isDown()) {
      return Future.succeededFuture(null);
    }
    return guarded(redis.batch(List.of(Request.cmd(Command.GET).arg(key), Request.cmd(Command.PTTL).arg(key))))
        .map(responses -> {
          Response value = responses.get(0);
          Response ttl = responses.get(1);
          if (value == null || ttl == null || ttl.toLong() <= 0) {
            return (Found) null;
          }
          return new Found(value.toBytes(), ttl.toLong());
        })
        .otherwise(this::failed);
  }

  /** Stores with a time to live; never fails. */
  public Future<Void> put(String key, byte[] bytes, long ttlSeconds) {
    if (isDown()) {
      return Future.succeededFuture();
    }
    return guarded(redis.send(Request.cmd(Command.SET).arg(key).arg(bytes).arg("EX").arg(ttlSeconds)))
        .<Void>mapEmpty().otherwise(this::failed);
  }

  /** Deletes one key; yields whether it existed. */
  public Future<Boolean> delete(String key) {
    return guarded(redis.send(Request.cmd(Command.DEL).arg(key)))
        .map(response -> response != null && response.toLong() > 0).otherwise(error -> {
          failed(error);
          return false;
        });
  }

  /** Deletes every key starting with {@code prefix} (SCAN + UNLINK, bounded batches); yields how many. */
  public Future<Long> purgePrefix(String prefix) {
    Promise<Long> done = Promise.promise();
    scan("0", prefix + "*", 0L, 0, done);
    return done.future();
  }

  private void scan(String cursor, String pattern, long deleted, int rounds, Promise<Long> done) {
    if (rounds >= 100_000) {
      done.complete(deleted);
      return;
    }
    guarded(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(500)))
        .compose(response -> {
          String next = response.get(0).toString();
          Response keys = response.get(1);
          if (keys.size() == 0) {
            return Future.succeededFuture(new long[] {0, Long.parseLong(next)});
          }
          Request unlink = Request.cmd(Command.UNLINK);
          for (Response key : keys) {
            unlink.arg(key.toBytes());
          }
          return guarded(redis.send(unlink)).map(r -> new long[] {r.toLong(), Long.parseLong(next)});
        })
        .onSuccess(result -> {
          if (result[1] == 0) {
            done.complete(deleted + result[0]);
          } else {
            scan(Long.toString(result[1]), pattern, deleted + result[0], rounds + 1, done);
          }
        })
        .onFailure(error -> {
          failed(error);
          done.complete(deleted);
        });
  }

  public boolean isDown() {
    return clock.nanoTime() < downUntilNanos.get();
  }

  public long errors() {
    return errors.sum();
  }

  Redis redis() {
    return redis;
  }

  private <T> Future<T> guarded(Future<T> operation) {
    return operation.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private <T> T failed(Throwable error) {
    errors.increment();
    downUntilNanos.set(clock.nanoTime() + backoffNanos);
    return null;
  }
}
