package dev.switchboard.sim.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimCall;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.SimRoute;
import io.vertx.core.http.HttpMethod;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's Messages API: {@code POST /v1/messages} (streamed or not, with tools), checking {@code x-api-key}
 * and {@code anthropic-version} and answering errors in Anthropic's shape. Prompt caching is simulated: the first
 * request with a given cached prefix reports cache creation, later ones cache reads.
 */
public final class AnthropicSimDialect implements SimDialect {
  private static final int MAX_CACHED_PREFIXES = 10_000;

  private final Set<String> cachedPrefixes = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<String, Boolean>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_CACHED_PREFIXES;
        }
      }));

  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public SimRoute route(HttpMethod method, String path) {
    if (method == HttpMethod.POST && path.equals("/v1/messages")) {
      return this::messages;
    }
    return null;
  }

  @Override
  public JsonNode errorBody(int status, String message) {
    return error(typeFor(status), message);
  }

  /** Anthropic's error document: {@code {"type":"error","error":{"type","message"}}}. */
  static ObjectNode error(String type, String message) {
    ObjectNode body = Json.object();
    body.put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    return body;
  }

  static String typeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529, 503 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  private void messages(SimCall call) {
    String key = call.header("x-api-key");
    if (key == null || key.isBlank()) {
      call.respondError(401, error("authentication_error", "x-api-key header is required"));
      return;
    }
    if (call.provider().requiredKey() != null && !call.provider().requiredKey().equals(key)) {
      call.respondError(401, error("authentication_error", "invalid x-api-key"));
      return;
    }
    if (call.header("anthropic-version") == null) {
      call.respondError(400, error("invalid_request_error", "anthropic-version: header is required"));
      return;
    }
    JsonNode json = call.json();
    if (!(json instanceof ObjectNode request)) {
      call.respondError(400, error("invalid_request_error", "Request body is not valid JSON."));
      return;
    }
    String problem = validate(request);
    if (problem != null) {
      call.respondError(400, error("invalid_request_error", problem));
      return;
    }
    AnthropicSimMessage message = AnthropicSimMessage.of(request, call.provider().seed(), cachedPrefixes);
    if (request.path("stream").asBoolean(false)) {
      AnthropicSimMessage.Frames frames = message.streamFrames();
      call.stream("text/event-stream; charset=utf-8", frames.frames(), frames.tokens());
    } else {
      call.respondJson(200, message.document(), message.outputTokens());
    }
  }

  private static String validate(ObjectNode request) {
    if (!request.path("model").isTextual()) {
      return "model: Field required";
    }
    if (!request.path("max_tokens").canConvertToInt() || request.path("max_tokens").asInt() < 1) {
      return "max_tokens: Field required";
    }
    JsonNode messages = request.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      return "messages: Field required";
    }
    for (int i = 0; i < messages.size(); i++) {
      String role = messages.get(i).path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        return "messages." + i + ".role: Input should be 'user' or 'assistant'";
      }
    }
    if (!messages.get(0).path("role").asText().equals("user")) {
      return "messages: first message must use the \"user\" role";
    }
    double temperature = request.path("temperature").asDouble(0);
    if (temperature < 0 || temperature > 1) {
      return "temperature: Input should be less than or equal to 1";
    }
    return null;
  }
}
