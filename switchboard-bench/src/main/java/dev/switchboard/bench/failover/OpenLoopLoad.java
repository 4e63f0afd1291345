package dev.switchboard.bench.failover;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load: requests leave at a fixed rate whatever the answers do, and latency is measured from each
 * request's intended send time (no coordinated omission).
 */
final class OpenLoopLoad {
  /** One request: intended send time, end time (System.nanoTime), status and routing headers. */
  record Sample(long intendedNanos, long endNanos, int status, int attempts, String provider, String route,
      boolean errorInBody) {
    double latencyMillis() {
      return (endNanos - intendedNanos) / 1e6;
    }
  }

  private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Give me one sentence about failover.\"}]}";

  private final Vertx vertx;
  private final int port;
  private final int rate;
  private final HttpClient client;

  OpenLoopLoad(Vertx vertx, int port, int rate) {
    this.vertx = vertx;
    this.port = port;
    this.rate = rate;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(256));
  }

  void warmUp(int seconds) throws Exception {
    long start = System.nanoTime();
    run(start, start + TimeUnit.SECONDS.toNanos(seconds));
  }

  /** Sends from {@code startNanos} until {@code endNanos}; returns once every answer is in (bounded wait). */
  List<Sample> run(long startNanos, long endNanos) throws Exception {
    ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    long total = (endNanos - startNanos) * rate / 1_000_000_000L;
    AtomicLong sent = new AtomicLong();
    AtomicLong finished = new AtomicLong();
    Promise<Void> done = Promise.promise();
    long intervalNanos = 1_000_000_000L / rate;
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      while (sent.get() < total && startNanos + sent.get() * intervalNanos <= now) {
        long intended = startNanos + sent.getAndIncrement() * intervalNanos;
        send(intended, samples, () -> {
          if (finished.incrementAndGet() == total) {
            done.tryComplete();
          }
        });
      }
      if (sent.get() >= total) {
        vertx.cancelTimer(timer);
      }
    });
    long waitSeconds = TimeUnit.NANOSECONDS.toSeconds(endNanos - System.nanoTime()) + 30;
    done.future().await(Math.max(30, waitSeconds), TimeUnit.SECONDS);
    return List.copyOf(samples);
  }

  private void send(long intended, ConcurrentLinkedQueue<Sample> samples, Runnable finished) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI("/v1/chat/completions").setTimeout(20_000)
        .putHeader("authorization", "Bearer sk-bench-client-0001").putHeader("content-type", "application/json");
    client.request(options).compose(request -> request.send(BODY))
        .compose(response -> response.body().map(body -> new Sample(intended, System.nanoTime(),
            response.statusCode(), parse(response.getHeader("x-switchboard-attempts")),
            response.getHeader("x-switchboard-provider"), response.getHeader("x-switchboard-route"),
            body.toString().contains("\"error\""))))
        .onComplete(ar -> {
          samples.add(ar.succeeded() ? ar.result()
              : new Sample(intended, System.nanoTime(), -1, 0, null, null, true));
          finished.run();
        });
  }

  private static int parse(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
