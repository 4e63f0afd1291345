package dev.switchboard.providers.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.shared.UpstreamJson;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The HTTP plumbing every JSON provider adapter shares: POST a body, map a non-2xx answer to the provider's
 * typed error, and either pump a stream through a decoder or read the body as a JSON object, translate it and
 * answer with its usage. URLs, headers, signing, error mapping and translators stay in each provider's package.
 */
public final class AdapterCalls {
  /** Turns a provider's non-2xx answer into its typed error. */
  @FunctionalInterface
  public interface ErrorMapper {
    UpstreamException map(HttpClientResponse response, byte[] body, long retryAfterMillis);
  }

  private final UpstreamHttp http;
  private final String providerName;
  private final ErrorMapper errors;

  public AdapterCalls(UpstreamHttp http, String providerName, ErrorMapper errors) {
    this.http = http;
    this.providerName = providerName;
    this.errors = errors;
  }

  /** Runs {@code call}; a request it refuses while preparing (an {@link UpstreamException}) is a failed future. */
  public static Future<UpstreamResponse> refusalsAsFailures(Supplier<Future<UpstreamResponse>> call) {
    try {
      return call.get();
    } catch (UpstreamException rejected) {
      return Future.failedFuture(rejected);
    }
  }

  /**
   * JSON request headers: content type, accept (SSE when the request streams), the key through {@code credentials}
   * when the request carries one, then the provider's configured extra headers.
   */
  public static MultiMap jsonHeaders(UpstreamRequest request, Map<String, String> configured,
      BiConsumer<MultiMap, String> credentials) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("content-type", "application/json");
    headers.set("accept", request.stream() ? "text/event-stream" : "application/json");
    if (request.apiKey() != null && !request.apiKey().isEmpty()) {
      credentials.accept(headers, request.apiKey());
    }
    for (Map.Entry<String, String> extra : configured.entrySet()) {
      headers.set(extra.getKey(), extra.getValue());
    }
    return headers;
  }

  /**
   * A chat call: streamed through {@code decoder} when the request streams, otherwise the JSON object answer is
   * translated with {@code toOpenAi}; {@code warnings} travel with either answer.
   */
  public Future<UpstreamResponse> chat(String url, MultiMap headers, Buffer body, UpstreamRequest request,
      Supplier<StreamDecoder> decoder, UnaryOperator<ObjectNode> toOpenAi, List<String> warnings) {
    UpstreamHttp.Sent sent = http.send(HttpMethod.POST, url, headers, body, request);
    return sent.response().compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return failure(response, sent.exchange());
      }
      if (request.stream()) {
        return StreamPump.start(response, sent.exchange(), decoder.get(), http, warnings);
      }
      return http.readBody(response, sent.exchange()).map(bytes -> complete(bytes, toOpenAi, warnings));
    });
  }

  /** A call answered by one JSON object (embeddings), translated with {@code toOpenAi}. */
  public Future<UpstreamResponse> call(String url, MultiMap headers, Buffer body, UpstreamRequest request,
      UnaryOperator<ObjectNode> toOpenAi) {
    UpstreamHttp.Sent sent = http.send(HttpMethod.POST, url, headers, body, request);
    return sent.response().compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return failure(response, sent.exchange());
      }
      return http.readBody(response, sent.exchange()).map(bytes -> complete(bytes, toOpenAi, List.of()));
    });
  }

  private UpstreamResponse complete(Buffer bytes, UnaryOperator<ObjectNode> toOpenAi, List<String> warnings) {
    ObjectNode answer = toOpenAi.apply(UpstreamJson.object(bytes, providerName));
    return new UpstreamResponse.Complete(answer, Usage.fromOpenAi(answer.get("usage")), warnings);
  }

  private <T> Future<T> failure(HttpClientResponse response, UpstreamHttp.Exchange exchange) {
    long retryAfter = UpstreamHttp.retryAfterMillis(response);
    return http.readErrorBody(response, exchange).compose(body -> Future.failedFuture(
        errors.map(response, body.getBytes(), retryAfter)));
  }
}
