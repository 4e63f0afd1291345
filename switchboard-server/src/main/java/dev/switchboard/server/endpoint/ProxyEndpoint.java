package dev.switchboard.server.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.RequestIds;
import dev.switchboard.core.time.Clock;
import dev.switchboard.server.http.BodyReader;
import dev.switchboard.server.http.ErrorWriter;
import dev.switchboard.server.http.ResponseWriter;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * The OpenAI-compatible proxy endpoints ({@code /v1/chat/completions}, {@code /v1/embeddings}): read and check the
 * body, run the chain, write the answer. The client closing its connection cancels the upstream call.
 */
public final class ProxyEndpoint implements Handler<HttpServerRequest> {
  private final Endpoint endpoint;
  private final FilterChain chain;
  private final ResponseWriter writer;
  private final ErrorWriter errors;
  private final Clock clock;
  private final long maxBodyBytes;
  private final Consumer<ObjectNode> validator;

  private final int maxJsonDepth;
  private FilterChain rejections;

  public ProxyEndpoint(Endpoint endpoint, FilterChain chain, ResponseWriter writer, ErrorWriter errors, Clock clock,
      long maxBodyBytes) {
    this(endpoint, chain, writer, errors, clock, maxBodyBytes, dev.switchboard.api.Json.MAX_DEPTH);
  }

  public ProxyEndpoint(Endpoint endpoint, FilterChain chain, ResponseWriter writer, ErrorWriter errors, Clock clock,
      long maxBodyBytes, int maxJsonDepth) {
    this.maxJsonDepth = maxJsonDepth;
    this.endpoint = endpoint;
    this.chain = chain;
    this.writer = writer;
    this.errors = errors;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.validator = endpoint == Endpoint.EMBEDDINGS ? RequestValidator::embeddings : RequestValidator::chat;
  }

  /**
   * Requests refused before the proxy chain (body unreadable, too large, invalid) run through {@code chain}
   * (request id, access log, then {@link RejectFilter}) so that they are logged too. Set once at assembly.
   */
  public ProxyEndpoint rejectionsThrough(FilterChain chain) {
    this.rejections = chain;
    return this;
  }

  @Override
  public void handle(HttpServerRequest request) {
    long startNanos = clock.nanoTime();
    String requestId = RequestIds.fromClientOrNew(request.getHeader("x-request-id"));
    BodyReader.read(request, maxBodyBytes).onComplete(read -> {
      if (read.failed()) {
        fail(request, requestId, startNanos, read.cause());
        return;
      }
      ObjectNode body;
      try {
        body = parse(read.result(), maxJsonDepth);
        validator.accept(body);
      } catch (GatewayException e) {
        fail(request, requestId, startNanos, e);
        return;
      }
      Exchange exchange = new Exchange(requestId, startNanos, clock.epochMillis(), endpoint, Dialect.OPENAI,
          request.headers(), body);
      run(request, exchange);
    });
  }

  /** Runs a parsed request through the chain and writes the answer (shared with other dialects' endpoints). */
  public void run(HttpServerRequest request, Exchange exchange) {
    FilterChain.ChainRun run = chain.start(exchange);
    request.response().closeHandler(v -> {
      if (!request.response().ended()) {
        exchange.cancel();
      }
    });
    run.response().onComplete(done -> writer.write(request, exchange, done.result(), run::complete));
  }

  private void fail(HttpServerRequest request, String requestId, long startNanos, Throwable cause) {
    GatewayException error = cause instanceof GatewayException e ? e : GatewayException.internal();
    if (rejections == null) {
      errors.write(request, MultiMap.caseInsensitiveMultiMap().set("x-request-id", requestId), error);
      return;
    }
    Exchange exchange = new Exchange(requestId, startNanos, clock.epochMillis(), endpoint, Dialect.OPENAI,
        request.headers(), dev.switchboard.api.Json.object());
    exchange.put(RejectFilter.ERROR, error);
    FilterChain.ChainRun run = rejections.start(exchange);
    run.response().onComplete(done -> writer.write(request, exchange, done.result(), run::complete));
  }


  /** The deepest JSON nesting this endpoint accepts. */
  public int maxJsonDepth() {
    return maxJsonDepth;
  }

  /** Parses a request body and refuses documents nested deeper than {@code maxDepth} (server.json_max_depth). */
  public static ObjectNode parse(Buffer bytes, int maxDepth) {
    ObjectNode body = parse(bytes);
    if (depth(body, maxDepth) > maxDepth) {
      throw GatewayException.badRequest("The JSON body is nested too deeply (at most " + maxDepth + " levels).",
          null);
    }
    return body;
  }

  private static int depth(JsonNode root, int limit) {
    java.util.ArrayDeque<JsonNode> nodes = new java.util.ArrayDeque<>();
    java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    int deepest = 0;
    while (!nodes.isEmpty()) {
      JsonNode node = nodes.pop();
      int level = depths.pop();
      deepest = Math.max(deepest, level);
      if (deepest > limit) {
        return deepest;
      }
      if (node.isContainerNode()) {
        for (JsonNode child : node) {
          if (child.isContainerNode()) {
            nodes.push(child);
            depths.push(level + 1);
          }
        }
      }
    }
    return deepest;
  }

  static ObjectNode parse(Buffer bytes) {
    if (bytes.length() == 0) {
      throw GatewayException.invalidJson("The body is empty.");
    }
    JsonNode node;
    try {
      node = Json.parse(bytes.getBytes());
    } catch (JsonProcessingException e) {
      String detail = e.getOriginalMessage();
      if (detail != null && detail.contains("nesting depth")) {
        throw GatewayException.badRequest("The JSON body is nested too deeply.", null);
      }
      throw GatewayException.invalidJson("Check that it is valid JSON.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw GatewayException.invalidJson("The body must be a JSON object.");
    }
    return object;
  }
}
