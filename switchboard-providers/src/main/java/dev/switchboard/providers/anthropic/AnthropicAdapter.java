package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.providers.http.AdapterCalls;
import dev.switchboard.providers.http.SseStreamDecoder;
import dev.switchboard.providers.http.UpstreamHttp;
import dev.switchboard.providers.shared.ParameterPolicy;
import dev.switchboard.providers.shared.UpstreamJson;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API: {@code POST {base}/v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
public final class AnthropicAdapter implements ProviderAdapter {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final AdapterCalls calls;
  private final ChatTranslator translator;
  private final String messagesUrl;
  private final String version;
  private final ParameterPolicy policy;

  public AnthropicAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http,
      ChatTranslator translator, String baseUrl, String version, ParameterPolicy policy) {
    this.config = config;
    this.context = context;
    this.http = http;
    this.calls = new AdapterCalls(http, config.name(), (response, body, retryAfter) ->
        AnthropicErrors.map(config.name(), response.statusCode(), body, retryAfter));
    this.translator = translator;
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.messagesUrl = base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages";
    this.version = version;
    this.policy = policy;
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
    List<String> warnings;
    try {
      warnings = policy.apply(request.body());
      body = translator.toProvider(request.body(), translation);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return calls.chat(messagesUrl, headers(request), Buffer.buffer(Json.write(body)), request,
        () -> new SseStreamDecoder(new AnthropicStreamTranslator(config.name(), translation.createdEpochSeconds())),
        answer -> toOpenAi(answer, translation), warnings);
  }

  private ObjectNode toOpenAi(ObjectNode answer, TranslationContext translation) {
    if (!"message".equals(answer.path("type").asText())) {
      throw UpstreamJson.malformed(config.name());
    }
    return translator.toOpenAi(answer, translation);
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
