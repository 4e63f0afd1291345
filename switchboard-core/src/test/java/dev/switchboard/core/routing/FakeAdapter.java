package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.stream.PushChunkStream;
import dev.switchboard.core.usage.Usage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** A provider whose answers the test scripts, one behaviour per call (the last one repeats). */
final class FakeAdapter implements ProviderAdapter {
  private final String name;
  private final Deque<Function<UpstreamRequest, Future<UpstreamResponse>>> script = new ArrayDeque<>();
  private Function<UpstreamRequest, Future<UpstreamResponse>> last = FakeAdapter::ok;
  final List<UpstreamRequest> calls = new ArrayList<>();
  final List<Promise<UpstreamResponse>> hanging = new ArrayList<>();
  final List<PushChunkStream> streams = new ArrayList<>();

  FakeAdapter(String name) {
    this.name = name;
  }

  FakeAdapter then(Function<UpstreamRequest, Future<UpstreamResponse>> behaviour) {
    script.add(behaviour);
    last = behaviour;
    return this;
  }

  FakeAdapter always(Function<UpstreamRequest, Future<UpstreamResponse>> behaviour) {
    script.clear();
    last = behaviour;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<UpstreamResponse> chat(UpstreamRequest request) {
    calls.add(request);
    Function<UpstreamRequest, Future<UpstreamResponse>> behaviour = script.isEmpty() ? last : script.poll();
    return behaviour.apply(request);
  }

  static Future<UpstreamResponse> ok(UpstreamRequest request) {
    ObjectNode body = Json.object();
    body.put("object", "chat.completion").put("model", request.upstreamModel());
    return Future.succeededFuture(new UpstreamResponse.Complete(body, new Usage(10, 5, 0, 0, 0, false)));
  }

  static Function<UpstreamRequest, Future<UpstreamResponse>> fail(FailureKind kind, int status) {
    return fail(kind, status, -1);
  }

  static Function<UpstreamRequest, Future<UpstreamResponse>> fail(FailureKind kind, int status, long retryAfter) {
    return request -> Future.failedFuture(new UpstreamException(kind, status, "HTTP " + status, retryAfter));
  }

  /** Never answers until the test completes the promise; records cancellation. */
  Future<UpstreamResponse> hang(UpstreamRequest request) {
    Promise<UpstreamResponse> promise = Promise.promise();
    hanging.add(promise);
    request.cancellation().onCancel(() -> promise.tryFail(
        new UpstreamException(FailureKind.CANCELLED, 0, "cancelled")));
    return promise.future();
  }

  /** Answers with a stream whose chunks the test pushes. */
  Future<UpstreamResponse> stream(UpstreamRequest request) {
    PushChunkStream stream = new PushChunkStream();
    streams.add(stream);
    return Future.succeededFuture(new UpstreamResponse.Streaming(stream));
  }
}
