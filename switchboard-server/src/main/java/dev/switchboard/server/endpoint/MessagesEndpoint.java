package dev.switchboard.server.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.dialect.anthropic.AnthropicMessagesRequest;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.RequestIds;
import dev.switchboard.core.time.Clock;
import dev.switchboard.server.http.AnthropicCodec;
import dev.switchboard.server.http.BodyReader;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) served by Switchboard: the request is translated to the
 * canonical OpenAI form and runs through the same chain as chat completions with {@link Dialect#ANTHROPIC}, so
 * any provider can serve it; the answer, stream and errors are written back in Anthropic's form.
 */
public final class MessagesEndpoint implements Handler<HttpServerRequest> {
  private final ProxyEndpoint chat;
  private final Clock clock;
  private final long maxBodyBytes;

  public MessagesEndpoint(ProxyEndpoint chat, Clock clock, long maxBodyBytes) {
    this.chat = chat;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpServerRequest request) {
    long startNanos = clock.nanoTime();
    String requestId = RequestIds.fromClientOrNew(request.getHeader("x-request-id"));
    BodyReader.read(request, maxBodyBytes).onComplete(read -> {
      if (read.failed()) {
        fail(request, requestId, read.cause());
        return;
      }
      ObjectNode canonical;
      try {
        canonical = AnthropicMessagesRequest.toOpenAi(ProxyEndpoint.parse(read.result()));
        RequestValidator.chat(canonical);
      } catch (GatewayException e) {
        fail(request, requestId, e);
        return;
      }
      Exchange exchange = new Exchange(requestId, startNanos, clock.epochMillis(), Endpoint.MESSAGES,
          Dialect.ANTHROPIC, request.headers(), canonical);
      chat.run(request, exchange);
    });
  }

  private static void fail(HttpServerRequest request, String requestId, Throwable cause) {
    GatewayException error = cause instanceof GatewayException e ? e : GatewayException.internal();
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(error.status()).putHeader("x-request-id", requestId)
        .putHeader("content-type", "application/json");
    if (error.retryAfterSeconds() >= 0) {
      response.putHeader("retry-after", Long.toString(error.retryAfterSeconds()));
    }
    response.end(AnthropicCodec.error(error));
  }
}
