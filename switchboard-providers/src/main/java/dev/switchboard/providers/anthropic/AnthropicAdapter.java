package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.http.SseStreamDecoder;
import dev.switchboard.providers.http.StreamPump;
import dev.switchboard.providers.http.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.Map;

/** Anthropic's Messages API: {@code POST {base}/v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
public final class AnthropicAdapter implements ProviderAdapter {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final ChatTranslator translator;
  private final String messagesUrl;
  private final String version;

  public AnthropicAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http,
      ChatTranslator translator, String baseUrl, String version) {
    this.config = config;
    this.context = context;
    this.http = http;
    this.translator = translator;
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.messagesUrl = base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages";
    this.version = version;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Future<UpstreamResponse> chat(UpstreamRequest request) {
    TranslationContext translation = new TranslationContext(request.requestId(),
        context.clock().epochMillis() / 1000, request.upstreamModel());
    ObjectNode body;
    try {
      body = translator.toProvider(request.body(), translation);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    UpstreamHttp.Sent sent = http.send(HttpMethod.POST, messagesUrl, headers(request),
        Buffer.buffer(Json.write(body)), request);
    return sent.response().compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return failure(response, sent.exchange());
      }
      if (request.stream()) {
        return StreamPump.start(response, sent.exchange(), new SseStreamDecoder(
            new AnthropicStreamTranslator(config.name(), translation.createdEpochSeconds())), http);
      }
      return http.readBody(response, sent.exchange()).compose(bytes -> complete(bytes, translation));
    });
  }

  private Future<UpstreamResponse> complete(Buffer bytes, TranslationContext translation) {
    JsonNode parsed;
    try {
      parsed = Json.parse(bytes.getBytes());
    } catch (Exception e) {
      return Future.failedFuture(malformed());
    }
    if (!(parsed instanceof ObjectNode object) || !"message".equals(object.path("type").asText())) {
      return Future.failedFuture(malformed());
    }
    ObjectNode body = translator.toOpenAi(object, translation);
    return Future.succeededFuture(new UpstreamResponse.Complete(body, Usage.fromOpenAi(body.get("usage"))));
  }

  private Future<UpstreamResponse> failure(HttpClientResponse response, UpstreamHttp.Exchange exchange) {
    long retryAfter = UpstreamHttp.retryAfterMillis(response);
    return http.readErrorBody(response, exchange).compose(body -> Future.failedFuture(
        AnthropicErrors.map(config.name(), response.statusCode(), body.getBytes(), retryAfter)));
  }

  private UpstreamException malformed() {
    return new UpstreamException(FailureKind.PROTOCOL, 200,
        "The provider '" + config.name() + "' returned a malformed response.");
  }

  private MultiMap headers(UpstreamRequest request) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("content-type", "application/json");
    headers.set("accept", request.stream() ? "text/event-stream" : "application/json");
    headers.set("anthropic-version", version);
    if (request.apiKey() != null && !request.apiKey().isEmpty()) {
      headers.set("x-api-key", request.apiKey());
    }
    for (Map.Entry<String, String> extra : config.headers().entrySet()) {
      headers.set(extra.getKey(), extra.getValue());
    }
    return headers;
  }

  @Override
  public void close() {
    http.close();
  }
}
