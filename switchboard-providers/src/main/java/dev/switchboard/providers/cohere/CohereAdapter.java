package dev.switchboard.providers.cohere;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.EmbeddingsCapability;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.providers.http.AdapterCalls;
import dev.switchboard.providers.http.SseStreamDecoder;
import dev.switchboard.providers.http.UpstreamHttp;
import dev.switchboard.providers.shared.OpenAiEmbeddings;
import dev.switchboard.providers.shared.ParameterPolicy;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** Cohere's v2 API: {@code POST {base}/v2/chat} (streamed or not) and {@code {base}/v2/embed}, bearer key. */
public final class CohereAdapter implements ProviderAdapter, EmbeddingsCapability {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final AdapterCalls calls;
  private final ChatTranslator translator = new CohereChatTranslator();
  private final ParameterPolicy policy;
  private final String chatUrl;
  private final String embedUrl;

  public CohereAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http, String baseUrl,
      ParameterPolicy policy) {
    this.config = config;
    this.context = context;
    this.http = http;
    this.calls = new AdapterCalls(http, config.name(), (response, body, retryAfter) ->
        CohereErrors.map(config.name(), response.statusCode(), body, retryAfter));
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.chatUrl = base + "/v2/chat";
    this.embedUrl = base + "/v2/embed";
    this.policy = policy;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Future<UpstreamResponse> chat(UpstreamRequest request) {
    return AdapterCalls.refusalsAsFailures(() -> sendChat(request));
  }

  private Future<UpstreamResponse> sendChat(UpstreamRequest request) {
    TranslationContext translation = new TranslationContext(request.requestId(),
        context.clock().epochMillis() / 1000, request.upstreamModel());
    List<String> warnings = policy.apply(request.body());
    ObjectNode body = translator.toProvider(request.body(), translation);
    return calls.chat(chatUrl, headers(request), Buffer.buffer(Json.write(body)), request,
        () -> new SseStreamDecoder(new CohereStreamTranslator(config.name(), translation)),
        answer -> translator.toOpenAi(answer, translation), warnings);
  }

  @Override
  public Future<UpstreamResponse> embeddings(UpstreamRequest request) {
    return AdapterCalls.refusalsAsFailures(() -> sendEmbeddings(request));
  }

  private Future<UpstreamResponse> sendEmbeddings(UpstreamRequest request) {
    ObjectNode body = CohereEmbeddings.toProvider(request.body(), request.upstreamModel());
    boolean base64 = OpenAiEmbeddings.base64(request.body());
    return calls.call(embedUrl, headers(request), Buffer.buffer(Json.write(body)), request,
        answer -> CohereEmbeddings.toOpenAi(answer, request.upstreamModel(), base64));
  }

  private MultiMap headers(UpstreamRequest request) {
    return AdapterCalls.jsonHeaders(request, config.headers(), (headers, key) -> headers.set("authorization", "Bearer " + key));
  }

  @Override
  public void close() {
    http.close();
  }
}
