package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.EmbeddingsCapability;
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
import dev.switchboard.providers.shared.ParameterPolicy;
import java.util.List;
import java.util.Map;

/** Any OpenAI-compatible endpoint: {@code POST {base}/chat/completions} and {@code {base}/embeddings}. */
public final class OpenAiAdapter implements ProviderAdapter, EmbeddingsCapability {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final ChatTranslator translator;
  private final String chatUrl;
  private final String embeddingsUrl;
  private final String authHeader;
  private final String authScheme;
  private final ParameterPolicy policy;

  public OpenAiAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http,
      ChatTranslator translator, String baseUrl) {
    this(config, context, http, translator, baseUrl, config.option("auth_header", "authorization"),
        ParameterPolicy.none(config.name()).withOverrides(config.options()));
  }

  /**
   * @param authHeader the header that carries the key ({@code authorization} sends {@code Bearer <key>})
   * @param policy what to do with parameters this endpoint cannot honour
   */
  public OpenAiAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http,
      ChatTranslator translator, String baseUrl, String authHeader, ParameterPolicy policy) {
    this.config = config;
    this.context = context;
    this.http = http;
    this.translator = translator;
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.chatUrl = base + "/chat/completions";
    this.embeddingsUrl = base + "/embeddings";
    this.authHeader = config.option("auth_header", authHeader);
    this.authScheme = config.option("auth_scheme",
        "authorization".equalsIgnoreCase(this.authHeader) ? "Bearer " : "");
    this.policy = policy;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Future<UpstreamResponse> chat(UpstreamRequest request) {
    try {
      return sendChat(request);
    } catch (UpstreamException rejected) {
      return Future.failedFuture(rejected);
    }
  }

  private Future<UpstreamResponse> sendChat(UpstreamRequest request) {
    TranslationContext translation = new TranslationContext(request.requestId(),
        context.clock().epochMillis() / 1000, request.upstreamModel());
    List<String> warnings = policy.apply(request.body());
    ObjectNode body = translator.toProvider(request.body(), translation);
    UpstreamHttp.Sent sent = http.send(HttpMethod.POST, chatUrl, headers(request), Buffer.buffer(Json.write(body)),
        request);
    return sent.response().compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return failure(response, sent.exchange());
      }
      if (request.stream()) {
        return StreamPump.start(response, sent.exchange(),
            new SseStreamDecoder(new OpenAiStreamTranslator(config.name())), http, warnings);
      }
      return http.readBody(response, sent.exchange()).compose(bytes -> complete(bytes, translation, warnings));
    });
  }

  @Override
  public Future<UpstreamResponse> embeddings(UpstreamRequest request) {
    try {
      return sendEmbeddings(request);
    } catch (UpstreamException rejected) {
      return Future.failedFuture(rejected);
    }
  }

  private Future<UpstreamResponse> sendEmbeddings(UpstreamRequest request) {
    UpstreamHttp.Sent sent = http.send(HttpMethod.POST, embeddingsUrl, headers(request),
        Buffer.buffer(Json.write(request.body())), request);
    return sent.response().compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return failure(response, sent.exchange());
      }
      return http.readBody(response, sent.exchange()).compose(bytes -> complete(bytes, null, List.of()));
    });
  }

  private Future<UpstreamResponse> complete(Buffer bytes, TranslationContext translation, List<String> warnings) {
    JsonNode parsed;
    try {
      parsed = Json.parse(bytes.getBytes());
    } catch (Exception e) {
      return Future.failedFuture(malformed());
    }
    if (!(parsed instanceof ObjectNode object)) {
      return Future.failedFuture(malformed());
    }
    ObjectNode body = translation == null ? object : translator.toOpenAi(object, translation);
    Usage usage = Usage.fromOpenAi(body.get("usage"));
    return Future.succeededFuture(new UpstreamResponse.Complete(body, usage, warnings));
  }

  private Future<UpstreamResponse> failure(HttpClientResponse response, UpstreamHttp.Exchange exchange) {
    long retryAfter = UpstreamHttp.retryAfterMillis(response);
    return http.readErrorBody(response, exchange).compose(body -> Future.failedFuture(
        OpenAiErrors.map(config.name(), response.statusCode(), body.getBytes(), retryAfter)));
  }

  private UpstreamException malformed() {
    return new UpstreamException(FailureKind.PROTOCOL, 200,
        "The provider '" + config.name() + "' returned a malformed response.");
  }

  private MultiMap headers(UpstreamRequest request) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("content-type", "application/json");
    headers.set("accept", request.stream() ? "text/event-stream" : "application/json");
    if (request.apiKey() != null && !request.apiKey().isEmpty()) {
      headers.set(authHeader, authScheme + request.apiKey());
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
