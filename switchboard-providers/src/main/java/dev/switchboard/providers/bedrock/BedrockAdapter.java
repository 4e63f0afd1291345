package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.http.StreamPump;
import dev.switchboard.providers.http.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
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
    java.util.List<String> clientHeaders = dropped.isEmpty() ? java.util.List.of()
        : java.util.List.of("dropped unsupported parameters: " + String.join(", ", dropped));
    String path = basePath + "/model/" + SigV4Signer.uriEncode(request.upstreamModel(), true)
        + (request.stream() ? "/converse-stream" : "/converse");
    UpstreamHttp.Sent sent = http.send(HttpMethod.POST, origin + path, signedHeaders(path, body, request.stream()),
        Buffer.buffer(body), request);
    return sent.response().compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return failure(response, sent.exchange());
      }
      if (request.stream()) {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder(config.name(),
            new BedrockStreamTranslator(config.name(), translation));
        return StreamPump.start(response, sent.exchange(), decoder, http, clientHeaders);
      }
      return http.readBody(response, sent.exchange()).compose(bytes -> complete(bytes, translation,
          clientHeaders));
    });
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

  private Future<UpstreamResponse> complete(Buffer bytes, TranslationContext translation,
      java.util.List<String> clientHeaders) {
    try {
      JsonNode parsed = Json.parse(bytes.getBytes());
      if (!(parsed instanceof ObjectNode object)) {
        return Future.failedFuture(malformed());
      }
      ObjectNode body = translator.toOpenAi(object, translation);
      return Future.succeededFuture(new UpstreamResponse.Complete(body, Usage.fromOpenAi(body.get("usage")),
          clientHeaders));
    } catch (UpstreamException e) {
      return Future.failedFuture(e);
    } catch (Exception e) {
      return Future.failedFuture(malformed());
    }
  }

  private Future<UpstreamResponse> failure(HttpClientResponse response, UpstreamHttp.Exchange exchange) {
    long retryAfter = UpstreamHttp.retryAfterMillis(response);
    String errorType = response.getHeader("x-amzn-errortype");
    return http.readErrorBody(response, exchange).compose(body -> Future.failedFuture(
        BedrockErrors.fromHttp(config.name(), response.statusCode(), errorType, body.getBytes(), retryAfter)));
  }

  private UpstreamException malformed() {
    return new UpstreamException(FailureKind.PROTOCOL, 200,
        "The provider '" + config.name() + "' returned a malformed response.");
  }

  @Override
  public void close() {
    http.close();
  }
}
