package dev.switchboard.providers.azure;

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
import dev.switchboard.providers.shared.ParameterPolicy;
import dev.switchboard.providers.shared.UpstreamJson;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Azure OpenAI: {@code POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...} and
 * {@code .../embeddings}. The deployment is the upstream model name. The key goes in {@code api-key}, or, with
 * option {@code auth: entra}, as a Microsoft Entra bearer token in {@code Authorization}.
 */
public final class AzureAdapter implements ProviderAdapter, EmbeddingsCapability {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final AdapterCalls calls;
  private final ChatTranslator translator = new AzureChatTranslator();
  private final ParameterPolicy policy;
  private final String base;
  private final String apiVersionQuery;
  private final boolean entra;

  public AzureAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http, String baseUrl,
      String apiVersion, boolean entra, ParameterPolicy policy) {
    this.config = config;
    this.context = context;
    this.http = http;
    this.calls = new AdapterCalls(http, config.name(), (response, body, retryAfter) ->
        AzureErrors.map(config.name(), response.statusCode(), body, retryAfter));
    this.base = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
        + "/openai/deployments/";
    this.apiVersionQuery = "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    this.entra = entra;
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
    String deployment = deployment(request.upstreamModel());
    TranslationContext translation = new TranslationContext(request.requestId(),
        context.clock().epochMillis() / 1000, request.upstreamModel());
    List<String> warnings = policy.apply(request.body());
    ObjectNode body = translator.toProvider(request.body(), translation);
    return calls.chat(base + deployment + "/chat/completions" + apiVersionQuery, headers(request),
        Buffer.buffer(Json.write(body)), request,
        () -> new SseStreamDecoder(new AzureStreamTranslator(config.name(), translation)),
        answer -> translator.toOpenAi(answer, translation), warnings);
  }

  @Override
  public Future<UpstreamResponse> embeddings(UpstreamRequest request) {
    return AdapterCalls.refusalsAsFailures(() -> sendEmbeddings(request));
  }

  private Future<UpstreamResponse> sendEmbeddings(UpstreamRequest request) {
    String deployment = deployment(request.upstreamModel());
    ObjectNode body = request.body().deepCopy();
    body.remove("model");
    return calls.call(base + deployment + "/embeddings" + apiVersionQuery, headers(request),
        Buffer.buffer(Json.write(body)), request, list -> {
          if (list.path("model").asText("").isEmpty()) {
            list.put("model", request.upstreamModel());
          }
          return list;
        });
  }

  private static String deployment(String upstreamModel) {
    if (!UpstreamJson.safePathSegment(upstreamModel)) {
      throw OpenAiContent.invalid("The model name is not a valid Azure deployment name.", "model");
    }
    return upstreamModel;
  }

  private MultiMap headers(UpstreamRequest request) {
    return AdapterCalls.jsonHeaders(request, config.headers(), (headers, key) -> {
      if (entra) {
        headers.set("authorization", "Bearer " + key);
      } else {
        headers.set("api-key", key);
      }
    });
  }

  @Override
  public void close() {
    http.close();
  }
}
