package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.gemini.GeminiSimDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Gemini's {@code POST /v1beta/models/{model}:generateContent}, {@code x-goog-api-key},
 * {@code usageMetadata.promptTokenCount}.
 */
final class GeminiProtocol implements NativeProtocol {
  @Override
  public SimDialect simDialect() {
    return new GeminiSimDialect();
  }

  @Override
  public String gatewayType() {
    return "gemini";
  }

  @Override
  public String gatewayBaseUrl(String root) {
    return root + "/v1beta";
  }

  @Override
  public String chatUrl(String root, String model) {
    return root + "/v1beta/models/" + model + ":generateContent";
  }

  @Override
  public MultiMap headers(String apiKey) {
    return MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json").add("x-goog-api-key", apiKey);
  }

  @Override
  public Buffer chatBody(String model, String system, String text, int maxTokens) {
    ObjectNode body = Json.object();
    body.putObject("systemInstruction").putArray("parts").addObject().put("text", system);
    ObjectNode content = body.putArray("contents").addObject();
    content.put("role", "user");
    content.putArray("parts").addObject().put("text", text);
    body.putObject("generationConfig").put("maxOutputTokens", maxTokens).put("temperature", 0);
    return Buffer.buffer(Json.write(body));
  }

  @Override
  public long[] usage(JsonNode response) {
    JsonNode usage = response.path("usageMetadata");
    return new long[] {usage.path("promptTokenCount").asLong(0), usage.path("candidatesTokenCount").asLong(0)};
  }
}
