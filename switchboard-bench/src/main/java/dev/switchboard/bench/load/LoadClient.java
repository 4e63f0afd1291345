package dev.switchboard.bench.load;

import dev.switchboard.core.vertx.EventLoops;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load generators' HTTP client. HTTP/1.1 uses one connection per request in flight; HTTP/2 (cleartext, prior
 * knowledge) multiplexes up to 100 streams per connection, which is how one process holds 10,000 requests open
 * within its file-descriptor limit. Requests are spread over several client instances ("shards") of at most
 * {@value #PER_SHARD} requests each, so that no single connection pool queues thousands of waiters (its acquire cost
 * grows with the queue, which blocked the generator's event loop at 10,000 requests).
 */
public final class LoadClient {
  /** A response: status, headers and whole body, or status 0 with the transport error's message. */
  public record Reply(int status, MultiMap headers, Buffer body, String error) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public String header(String name) {
      return headers == null ? null : headers.get(name);
    }
  }

  static final int PER_SHARD = 1_000;

  private final HttpClient[] shards;
  private final Vertx vertx;
  private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

  public LoadClient(Vertx vertx, int maxConnections, boolean http2) {
    this.vertx = vertx;
    int count = Math.max(1, (maxConnections + PER_SHARD - 1) / PER_SHARD);
    shards = new HttpClient[count];
    for (int i = 0; i < count; i++) {
      shards[i] = createClient(vertx, (maxConnections + count - 1) / count, http2);
    }
  }

  private static HttpClient createClient(Vertx vertx, int maxConnections, boolean http2) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout(5_000)
        .setMaxInitialLineLength(8192);
    if (http2) {
      options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
          .setHttp2MultiplexingLimit(100);
    }
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(maxConnections)
        .setHttp2MaxSize(Math.max(1, maxConnections / 100 + 4)).setMaxWaitQueueSize(-1);
    return vertx.createHttpClient(options, pool);
  }

  private HttpClient client() {
    return shards[Math.floorMod(turn.getAndIncrement(), shards.length)];
  }

  /** POSTs {@code body} to {@code url}; never fails: transport errors and timeouts become status 0 replies. */
  public Future<Reply> post(String url, MultiMap headers, Buffer body, long idleTimeoutMs) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .setHeaders(headers).setIdleTimeout(idleTimeoutMs);
    return EventLoops.onEventLoop(vertx, () -> client().request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(payload -> new Reply(response.statusCode(), response.headers(),
            payload, null)))
        .recover(error -> Future.succeededFuture(new Reply(0, null, null, String.valueOf(error.getMessage())))));
  }

  /** A GET, for control endpoints. */
  public Future<Reply> get(String url, long idleTimeoutMs) {
    return bodiless(HttpMethod.GET, url, idleTimeoutMs);
  }

  /** A DELETE, for control endpoints. */
  public Future<Reply> delete(String url, long idleTimeoutMs) {
    return bodiless(HttpMethod.DELETE, url, idleTimeoutMs);
  }

  private Future<Reply> bodiless(HttpMethod method, String url, long idleTimeoutMs) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url)
        .setIdleTimeout(idleTimeoutMs);
    return EventLoops.onEventLoop(vertx, () -> client().request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(payload -> new Reply(response.statusCode(), response.headers(),
            payload, null)))
        .recover(error -> Future.succeededFuture(new Reply(0, null, null, String.valueOf(error.getMessage())))));
  }

  public Future<Void> close() {
    java.util.List<Future<Void>> closing = new java.util.ArrayList<>();
    for (HttpClient shard : shards) {
      closing.add(shard.close());
    }
    return Future.join(closing).mapEmpty();
  }
}
