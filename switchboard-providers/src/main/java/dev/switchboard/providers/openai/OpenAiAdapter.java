package dev.switchboard.providers.openai;

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
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import dev.switchboard.providers.shared.ParameterPolicy;
import java.util.List;

/** Any OpenAI-compatible endpoint: {@code POST {base}/chat/completions} and {@code {base}/embeddings}. */
public final class OpenAiAdapter implements ProviderAdapter, EmbeddingsCapability {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final AdapterCalls calls;
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
    this.calls = new AdapterCalls(http, config.name(), (response, body, retryAfter) ->
        OpenAiErrors.map(config.name(), response.statusCode(), body, retryAfter));
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
    return AdapterCalls.refusalsAsFailures(() -> sendChat(request));
  }

  private Future<UpstreamResponse> sendChat(UpstreamRequest request) {
    TranslationContext translation = new TranslationContext(request.requestId(),
        context.clock().epochMillis() / 1000, request.upstreamModel());
    List<String> warnings = policy.apply(request.body());
    ObjectNode body = translator.toProvider(request.body(), translation);
    return calls.chat(chatUrl, headers(request), Buffer.buffer(Json.write(body)), request,
        () -> new SseStreamDecoder(new OpenAiStreamTranslator(config.name())),
        answer -> translator.toOpenAi(answer, translation), warnings);
  }

  @Override
  public Future<UpstreamResponse> embeddings(UpstreamRequest request) {
    return AdapterCalls.refusalsAsFailures(() -> sendEmbeddings(request));
  }

  private Future<UpstreamResponse> sendEmbeddings(UpstreamRequest request) {
    return calls.call(embeddingsUrl, headers(request), Buffer.buffer(Json.write(request.body())), request,
        list -> list);
  }

  private MultiMap headers(UpstreamRequest request) {
    return AdapterCalls.jsonHeaders(request, config.headers(), (headers, key) -> headers.set(authHeader, authScheme + key));
  }

  @Override
  public void close() {
    http.close();
  }
}
