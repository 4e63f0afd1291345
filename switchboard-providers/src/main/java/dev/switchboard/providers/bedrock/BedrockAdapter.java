package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.providers.http.AdapterCalls;
import dev.switchboard.providers.http.UpstreamHttp;
import dev.switchboard.providers.shared.UpstreamJson;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Amazon Bedrock's Converse API: {@code POST {base}/model/{modelId}/converse} and {@code .../converse-stream}
 * (AWS event-stream framing). Every attempt is signed afresh with SigV4 at the injected clock's time.
 */
public final class BedrockAdapter implements ProviderAdapter {
  private final ProviderConfig config;
  private final ProviderContext context;
  private final UpstreamHttp http;
  private final AdapterCalls calls;
  private final BedrockChatTranslator translator;
  private final SigV4Signer signer;
  private final AwsCredentials credentials;
  private final String origin;
  private final String host;
  private final String basePath;

  public BedrockAdapter(ProviderConfig config, ProviderContext context, UpstreamHttp http, SigV4Signer signer,
      AwsCredentials credentials, String baseUrl) {
    this.config = config;
    this.context = context;
    this.http = http;
    this.calls = new AdapterCalls(http, config.name(), (response, body, retryAfter) ->
        BedrockErrors.fromHttp(config.name(), response.statusCode(),
            response.getHeader("x-amzn-errortype"), body, retryAfter));
    this.translator = new BedrockChatTranslator(config.name());
    this.signer = signer;
    this.credentials = credentials;
    URI uri = URI.create(baseUrl);
    boolean defaultPort = uri.getPort() < 0 || (uri.getPort() == 443 && "https".equals(uri.getScheme()))
        || (uri.getPort() == 80 && "http".equals(uri.getScheme()));
    this.host = defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    this.origin = uri.getScheme() + "://" + host;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Future<UpstreamResponse> chat(UpstreamRequest request) {
    TranslationContext translation = new TranslationContext(request.requestId(),
        context.clock().epochMillis() / 1000, request.upstreamModel());
    List<String> dropped;
    byte[] body;
    try {
      dropped = BedrockParameterPolicy.check(request.body());
      body = Json.write(translator.toProvider(request.body(), translation));
    } catch (UpstreamException e) {
      return Future.failedFuture(e);
    }
    List<String> warnings = BedrockParameterPolicy.warnings(config.name(), dropped);
    String path = basePath + "/model/" + SigV4Signer.uriEncode(request.upstreamModel(), true)
        + (request.stream() ? "/converse-stream" : "/converse");
    return calls.chat(origin + path, signedHeaders(path, body, request.stream()), Buffer.buffer(body), request,
        () -> new BedrockStreamDecoder(config.name(), new BedrockStreamTranslator(config.name(), translation)),
        answer -> toOpenAi(answer, translation), warnings);
  }

  /** The translated answer; a translation that fails on an unexpected shape is a malformed response. */
  private ObjectNode toOpenAi(ObjectNode answer, TranslationContext translation) {
    try {
      return translator.toOpenAi(answer, translation);
    } catch (UpstreamException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UpstreamJson.malformed(config.name());
    }
  }

  /** The request headers, signed for this attempt; the trace headers added later are not signed. */
  MultiMap signedHeaders(String path, byte[] body, boolean stream) {
    String accept = stream ? "application/vnd.amazon.eventstream" : "application/json";
    List<Map.Entry<String, String>> toSign = List.of(Map.entry("host", host),
        Map.entry("content-type", "application/json"), Map.entry("accept", accept));
    SigV4Signer.Signature signature = signer.sign(new SigV4Signer.Request("POST", path, List.of(), toSign, body),
        credentials, context.clock().epochMillis());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("host", host);
    headers.set("content-type", "application/json");
    headers.set("accept", accept);
    headers.set("x-amz-date", signature.amzDate());
    headers.set("authorization", signature.authorization());
    if (signature.securityToken() != null) {
      headers.set("x-amz-security-token", signature.securityToken());
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
