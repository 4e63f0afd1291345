package dev.switchboard.sim.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimCall;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.SimRoute;
import dev.switchboard.sim.openai.SimVectors;
import io.vertx.core.http.HttpMethod;

/**
 * Google's Gemini API (generativelanguage v1beta and v1): {@code models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse}, {@code :embedContent} and {@code :batchEmbedContents}; the key comes in
 * {@code x-goog-api-key} or the {@code key} query parameter. Errors use Google's
 * {@code {"error":{"code","message","status"}}}.
 */
public final class GeminiSimDialect implements SimDialect {
  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public SimRoute route(HttpMethod method, String path) {
    String p = path.startsWith("/v1beta/") ? path.substring(7) : path.startsWith("/v1/") ? path.substring(3) : path;
    if (method != HttpMethod.POST || !p.startsWith("/models/")) {
      return null;
    }
    int colon = p.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    String model = p.substring("/models/".length(), colon);
    return switch (p.substring(colon + 1)) {
      case "generateContent" -> call -> generate(call, model, false);
      case "streamGenerateContent" -> call -> generate(call, model, true);
      case "embedContent" -> call -> embed(call, model, false);
      case "batchEmbedContents" -> call -> embed(call, model, true);
      default -> null;
    };
  }

  @Override
  public JsonNode errorBody(int status, String message) {
    return error(status, message);
  }

  static ObjectNode error(int status, String message) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("code", status);
    error.put("message", message);
    error.put("status", switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "INTERNAL";
    });
    return body;
  }

  private static boolean authorised(SimCall call) {
    String key = call.header("x-goog-api-key");
    if (key == null) {
      key = call.request().getParam("key");
    }
    if (key == null || key.isBlank()) {
      call.respondError(403, error(403, "Method doesn't allow unregistered callers (callers without established "
          + "identity). Please use API Key or other form of API consumer identity to call this API."));
      return false;
    }
    if (call.provider().requiredKey() != null && !call.provider().requiredKey().equals(key)) {
      call.respondError(400, error(400, "API key not valid. Please pass a valid API key."));
      return false;
    }
    return true;
  }

  private void generate(SimCall call, String model, boolean stream) {
    if (!authorised(call)) {
      return;
    }
    JsonNode json = call.json();
    if (!(json instanceof ObjectNode request) || !json.path("contents").isArray() || json.get("contents").isEmpty()) {
      call.respondError(400, error(400, "* GenerateContentRequest.contents: contents is not specified"));
      return;
    }
    GeminiSimCompletion completion = GeminiSimCompletion.of(model, request, call.provider().seed());
    if (stream) {
      if (!"sse".equals(call.request().getParam("alt"))) {
        call.respondError(400, error(400, "The simulator streams only with alt=sse."));
        return;
      }
      GeminiSimCompletion.Frames frames = completion.streamFrames();
      call.stream("text/event-stream", frames.frames(), frames.tokens());
    } else {
      call.respondJson(200, completion.document(), completion.outputTokens());
    }
  }

  private void embed(SimCall call, String model, boolean batch) {
    if (!authorised(call)) {
      return;
    }
    JsonNode json = call.json();
    if (json == null) {
      call.respondError(400, error(400, "Invalid JSON payload received."));
      return;
    }
    ObjectNode document = Json.object();
    if (batch) {
      ArrayNode embeddings = document.putArray("embeddings");
      for (JsonNode request : json.path("requests")) {
        embeddings.add(embedding(request, call.provider().seed()));
      }
    } else {
      document.set("embedding", embedding(json, call.provider().seed()));
    }
    call.respondJson(200, document, 0);
  }

  private static ObjectNode embedding(JsonNode request, long seed) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : request.path("content").path("parts")) {
      text.append(part.path("text").asText());
    }
    float[] vector = SimVectors.embed(text.toString(), request.path("outputDimensionality").asInt(16), seed);
    ObjectNode embedding = Json.object();
    ArrayNode values = embedding.putArray("values");
    for (float v : vector) {
      values.add(v);
    }
    return embedding;
  }
}
