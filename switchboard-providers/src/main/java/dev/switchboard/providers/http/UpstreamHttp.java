package dev.switchboard.providers.http;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.config.TimeoutsConfig;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.vertx.EventLoops;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The HTTP side of every adapter: a keep-alive connection pool bound to one event loop, deadlines (connect, first
 * byte, total, stream idle), cancellation, and transport failures mapped to typed {@link UpstreamException}s whose
 * messages name the provider but never its address.
 */
public final class UpstreamHttp {
  private static final int MAX_ERROR_BODY = 1024 * 1024;
  private final Vertx vertx;
  private final String providerName;
  private final HttpClientAgent client;

  public UpstreamHttp(Vertx vertx, String providerName, int maxConnections, TimeoutsConfig timeouts) {
    this.vertx = vertx;
    this.providerName = providerName;
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setConnectTimeout(timeouts.connectMs())
        .setKeepAliveTimeout(60)
        .setMaxInitialLineLength(8192)
        .setDecompressionSupported(true);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxConnections)
        .setMaxWaitQueueSize(-1));
  }

  /** The client for one configured provider: its pool size, and its timeouts or the defaults. */
  public static UpstreamHttp forProvider(ProviderConfig config, ProviderContext context) {
    TimeoutsConfig timeouts = config.timeouts() != null ? config.timeouts() : TimeoutsConfig.defaults();
    return new UpstreamHttp(context.vertx(), config.name(), config.maxConnections(), timeouts);
  }

  /** A sent request: the response head (or a typed failure) and a handle to cancel it. */
  public record Sent(Future<HttpClientResponse> response, Exchange exchange) {}

  /** The live request, for reading the stream and cancelling. */
  public static final class Exchange {
    private HttpClientRequest request;
    private long totalTimer = -1;
    private final Vertx vertx;
    private final boolean heldUntilRead;
    private boolean done;

    Exchange(Vertx vertx, boolean heldUntilRead) {
      this.vertx = vertx;
      this.heldUntilRead = heldUntilRead;
    }

    /**
     * Lets a response held back for a caller outside Vert.x flow, once that caller's handlers are in place. A
     * caller on the event loop attaches them in the same turn the head arrives, so its responses are never held.
     */
    public void release(HttpClientResponse response) {
      if (heldUntilRead) {
        response.resume();
      }
    }

    /** Closes the upstream connection for this request (a cancelled or abandoned attempt). */
    public void cancel() {
      finish();
      if (request != null) {
        request.reset();
      }
    }

    /** Stops the total deadline (the exchange finished normally). */
    public void finish() {
      done = true;
      if (totalTimer >= 0) {
        vertx.cancelTimer(totalTimer);
        totalTimer = -1;
      }
    }

    boolean isDone() {
      return done;
    }
  }

  /**
   * Sends a request. Everything about one exchange (timers, cancellation, the response and its stream) runs on one
   * event loop. A call from outside Vert.x (a test, a tool) is moved onto one first, and its response is held
   * (paused) until the caller has attached its handlers: the caller's thread may attach them only after the whole
   * body has arrived, and an unheld response would have delivered its end to nobody.
   */
  public Sent send(HttpMethod method, String absoluteUrl, MultiMap headers, Buffer body, UpstreamRequest call) {
    Exchange exchange = new Exchange(vertx, Vertx.currentContext() == null);
    return new Sent(EventLoops.onEventLoop(vertx, () -> {
      Promise<HttpClientResponse> promise = Promise.promise();
      begin(method, absoluteUrl, headers, body, call, exchange, promise);
      return promise.future();
    }), exchange);
  }

  private void begin(HttpMethod method, String absoluteUrl, MultiMap headers, Buffer body, UpstreamRequest call,
      Exchange exchange, Promise<HttpClientResponse> promise) {
    TimeoutsConfig timeouts = call.timeouts();
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setConnectTimeout(timeouts.connectMs())
        .setIdleTimeout(call.stream() ? Math.max(timeouts.firstByteMs(), timeouts.streamIdleMs())
            : timeouts.firstByteMs());
    target(absoluteUrl).applyTo(options);
    options.setHeaders(headers);
    for (Map.Entry<String, String> trace : call.traceHeaders().entrySet()) {
      options.putHeader(trace.getKey(), trace.getValue());
    }
    exchange.totalTimer = vertx.setTimer(timeouts.totalMs(), id -> {
      exchange.totalTimer = -1;
      promise.tryFail(new UpstreamException(FailureKind.TIMEOUT, 0,
          "The provider '" + providerName + "' did not answer within " + timeouts.totalMs() + " ms."));
      if (exchange.request != null) {
        exchange.request.reset();
      }
    });
    call.cancellation().onCancel(() -> {
      promise.tryFail(new UpstreamException(FailureKind.CANCELLED, 0, "The request was cancelled."));
      exchange.cancel();
    });
    client.request(options).onComplete(created -> {
      if (created.failed()) {
        exchange.finish();
        promise.tryFail(transportFailure(created.cause()));
        return;
      }
      HttpClientRequest request = created.result();
      exchange.request = request;
      if (call.cancellation().isCancelled()) {
        request.reset();
        return;
      }
      request.send(body).onComplete(sent -> {
        if (sent.succeeded()) {
          if (exchange.heldUntilRead) {
            sent.result().pause();
          }
          promise.tryComplete(sent.result());
        } else {
          exchange.finish();
          promise.tryFail(transportFailure(sent.cause()));
        }
      });
    });
  }

  /** Reads a whole response body, failing with a typed error if the connection breaks. */
  public Future<Buffer> readBody(HttpClientResponse response, Exchange exchange) {
    Future<Buffer> body = response.body().transform(done -> {
      exchange.finish();
      if (done.succeeded()) {
        return Future.succeededFuture(done.result());
      }
      return Future.failedFuture(transportFailure(done.cause()));
    });
    exchange.release(response);
    return body;
  }

  /** Reads an error body (capped), for the adapter's error mapping. */
  public Future<Buffer> readErrorBody(HttpClientResponse response, Exchange exchange) {
    Promise<Buffer> promise = Promise.promise();
    Buffer collected = Buffer.buffer();
    response.handler(chunk -> {
      if (collected.length() < MAX_ERROR_BODY) {
        collected.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(e -> {
      exchange.finish();
      promise.tryComplete(collected);
    });
    response.endHandler(v -> {
      exchange.finish();
      promise.tryComplete(collected);
    });
    exchange.release(response);
    return promise.future();
  }

  /** Maps a transport-level failure (no HTTP status) to a typed error. */
  public UpstreamException transportFailure(Throwable cause) {
    if (cause instanceof UpstreamException e) {
      return e;
    }
    if (cause instanceof ConnectException || cause instanceof UnknownHostException
        || cause.getClass().getSimpleName().contains("ConnectTimeout")) {
      return new UpstreamException(FailureKind.CONNECT, 0, "The provider '" + providerName
          + "' could not be reached.");
    }
    String name = cause.getClass().getSimpleName();
    String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (name.contains("Timeout") || message.contains("timeout")) {
      return new UpstreamException(FailureKind.TIMEOUT, 0, "The provider '" + providerName
          + "' did not answer in time.");
    }
    return new UpstreamException(FailureKind.CONNECTION_RESET, 0, "The connection to the provider '"
        + providerName + "' was closed before it answered.");
  }

  /** A parsed upstream URL; parsing once per URL keeps URI parsing off the per-request path. */
  private record Target(boolean ssl, String host, int port, String uri) {
    void applyTo(RequestOptions options) {
      options.setSsl(ssl).setHost(host).setPort(port).setURI(uri);
    }
  }

  private final java.util.concurrent.ConcurrentHashMap<String, Target> targets =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Target target(String absoluteUrl) {
    Target target = targets.get(absoluteUrl);
    if (target == null) {
      java.net.URI uri = java.net.URI.create(absoluteUrl);
      boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
      int port = uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String query = uri.getRawQuery();
      target = new Target(ssl, uri.getHost(), port, query == null ? path : path + "?" + query);
      if (targets.size() > 1_024) {
        targets.clear();
      }
      targets.put(absoluteUrl, target);
    }
    return target;
  }

  public String providerName() {
    return providerName;
  }

  public Vertx vertx() {
    return vertx;
  }

  public void close() {
    client.close();
  }

  /** Milliseconds from a Retry-After header (seconds, or an HTTP date is ignored), or -1. */
  public static long retryAfterMillis(HttpClientResponse response) {
    String retryAfterMs = response.getHeader("retry-after-ms");
    if (retryAfterMs != null) {
      try {
        return (long) Double.parseDouble(retryAfterMs.trim());
      } catch (NumberFormatException ignored) {
        // fall through to retry-after
      }
    }
    String retryAfter = response.getHeader("retry-after");
    if (retryAfter == null) {
      return -1;
    }
    try {
      return (long) (Double.parseDouble(retryAfter.trim()) * 1000);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
