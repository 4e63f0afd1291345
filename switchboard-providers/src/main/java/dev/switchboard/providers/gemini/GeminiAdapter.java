package dev.switchboard.providers.gemini;

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
import dev.switchboard.providers.shared.OpenAiContent;
import dev.switchboard.providers.shared.OpenAiEmbeddings;
import dev.switchboard.providers.shared.ParameterPolicy;
import dev.switchboard.providers.shared.UpstreamJson;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Google's Gemini API (generativelanguage): {@code POST {base}/models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse}, {@code :embedContent} and {@code :batchEmbedContents}, with the key in
 * the {@code x-goog-api-key} header.
 */
public final class GeminiAdapter implements ProviderAdapter, EmbeddingsCapability {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final AdapterCalls calls;
  private final ChatTranslator translator = new GeminiChatTranslator();
  private final ParameterPolicy policy;
  private final String baseUrl;

  public GeminiAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http, String baseUrl,
      ParameterPolicy policy) {
    this.config = config;
    this.context = context;
    this.http = http;
    this.calls = new AdapterCalls(http, config.name(), (response, body, retryAfter) ->
        GeminiErrors.map(config.name(), response.statusCode(), body, retryAfter));
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
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
    String model = model(request.upstreamModel());
    TranslationContext translation = new TranslationContext(request.requestId(),
        context.clock().epochMillis() / 1000, model);
    List<String> warnings = policy.apply(request.body());
    ObjectNode body = translator.toProvider(request.body(), translation);
    String url = baseUrl + "/models/" + model + (request.stream() ? ":streamGenerateContent?alt=sse"
        : ":generateContent");
    return calls.chat(url, headers(request), Buffer.buffer(Json.write(body)), request,
        () -> new SseStreamDecoder(new GeminiStreamTranslator(config.name(), translation)),
        answer -> translator.toOpenAi(answer, translation), warnings);
  }

  @Override
  public Future<UpstreamResponse> embeddings(UpstreamRequest request) {
    return AdapterCalls.refusalsAsFailures(() -> sendEmbeddings(request));
  }

  private Future<UpstreamResponse> sendEmbeddings(UpstreamRequest request) {
    String model = model(request.upstreamModel());
    ObjectNode body = GeminiEmbeddings.toProvider(request.body(), model);
    boolean base64 = OpenAiEmbeddings.base64(request.body());
    String url = baseUrl + "/models/" + model + (GeminiEmbeddings.batch(request.body()) ? ":batchEmbedContents"
        : ":embedContent");
    return calls.call(url, headers(request), Buffer.buffer(Json.write(body)), request,
        answer -> GeminiEmbeddings.toOpenAi(answer, model, base64));
  }

  /** The model name without a {@code models/} prefix; refused when it could escape its path segment. */
  private static String model(String upstreamModel) {
    String model = upstreamModel != null && upstreamModel.startsWith("models/")
        ? upstreamModel.substring("models/".length()) : upstreamModel;
    if (!UpstreamJson.safePathSegment(model)) {
      throw OpenAiContent.invalid("The model name is not a valid Gemini model name.", "model");
    }
    return model;
  }

  private MultiMap headers(UpstreamRequest request) {
    return AdapterCalls.jsonHeaders(request, config.headers(), (headers, key) -> headers.set("x-goog-api-key", key));
  }

  @Override
  public void close() {
    http.close();
  }
}
