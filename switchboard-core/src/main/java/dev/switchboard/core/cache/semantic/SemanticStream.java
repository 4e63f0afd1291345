package dev.switchboard.core.cache.semantic;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shares semantic entries between nodes through a Redis stream: each node appends the prompts it stores and reads
 * everyone's on a dedicated connection, indexing the ones it did not write. No vector travels: like a local entry, a
 * received prompt is embedded only if it ever becomes a candidate that passed the guards (an entry that still
 * carries a {@code vec} field is indexed with that vector). The answers themselves are in the shared exact tier under the entry's key, with the same time to
 * live. A node that starts reads the stream from its beginning (it is trimmed to the index's size).
 */
public final class SemanticStream {
  private static final int BLOCK_MILLIS = 1000;
  private static final int RETRY_MILLIS = 1000;

  private final Redis redis;
  private final Vertx vertx;
  private final String name;
  private final String nodeId;
  private final int maxLength;
  private final LocalSemanticTier tier;
  private final int dimension;
  private final LongAdder published = new LongAdder();
  private final LongAdder received = new LongAdder();
  private volatile boolean running;
  private volatile RedisConnection connection;
  private String lastId = "0";

  public SemanticStream(Redis redis, Vertx vertx, String name, String nodeId, int maxLength,
      LocalSemanticTier tier, int dimension) {
    this.redis = redis;
    this.vertx = vertx;
    this.name = name;
    this.nodeId = nodeId;
    this.maxLength = maxLength;
    this.tier = tier;
    this.dimension = dimension;
  }

  /** Starts reading the stream and attaches itself to the tier for publishing. */
  public void start() {
    running = true;
    tier.attach(this);
    connectAndRead();
  }

  public Future<Void> stop() {
    running = false;
    RedisConnection open = connection;
    return open == null ? Future.succeededFuture() : open.close();
  }

  public long published() {
    return published.sum();
  }

  public long received() {
    return received.sum();
  }

  void publish(String contextHash, String key, String prompt, long expiresAtMillis) {
    Request add = Request.cmd(Command.XADD).arg(name).arg("MAXLEN").arg("~").arg(maxLength).arg("*")
        .arg("node").arg(nodeId).arg("ctx").arg(contextHash).arg("key").arg(key).arg("prompt").arg(prompt)
        .arg("exp").arg(expiresAtMillis);
    redis.send(add).timeout(1, TimeUnit.SECONDS).onSuccess(r -> published.increment());
  }

  private void connectAndRead() {
    if (!running) {
      return;
    }
    redis.connect().timeout(5, TimeUnit.SECONDS).onComplete(done -> {
      if (done.failed()) {
        retryLater();
        return;
      }
      connection = done.result();
      connection.exceptionHandler(e -> { });
      read();
    });
  }

  private void read() {
    RedisConnection open = connection;
    if (!running || open == null) {
      return;
    }
    Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(200).arg("BLOCK").arg(BLOCK_MILLIS)
        .arg("STREAMS").arg(name).arg(lastId);
    open.send(xread).timeout(BLOCK_MILLIS + 5000L, TimeUnit.MILLISECONDS).onComplete(done -> {
      if (done.failed()) {
        open.close();
        connection = null;
        retryLater();
        return;
      }
      accept(done.result());
      read();
    });
  }

  private void retryLater() {
    if (running) {
      vertx.setTimer(RETRY_MILLIS, id -> connectAndRead());
    }
  }

  private void accept(Response response) {
    if (response == null) {
      return;
    }
    Response entries = response.isMap() ? response.get(name) : response.get(0).get(1);
    if (entries == null) {
      return;
    }
    for (Response entry : entries) {
      lastId = entry.get(0).toString();
      Response fields = entry.get(1);
      String node = null;
      String ctx = null;
      String key = null;
      String prompt = null;
      String vec = null;
      long exp = 0;
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        String field = fields.get(i).toString();
        Response value = fields.get(i + 1);
        switch (field) {
          case "node" -> node = value.toString();
          case "ctx" -> ctx = value.toString();
          case "key" -> key = value.toString();
          case "prompt" -> prompt = value.toString();
          case "vec" -> vec = value.toString();
          case "exp" -> exp = Long.parseLong(value.toString());
          default -> { }
        }
      }
      if (ctx != null && key != null && prompt != null && !nodeId.equals(node)) {
        try {
          tier.add(ctx, key, prompt, vec == null ? null : Vectors.decode(vec, dimension), exp);
          received.increment();
        } catch (IllegalArgumentException e) {
          continue;
        }
      }
    }
  }
}
