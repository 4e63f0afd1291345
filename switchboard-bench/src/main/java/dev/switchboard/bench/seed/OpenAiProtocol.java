package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** OpenAI's chat completions: {@code POST /v1/chat/completions}, bearer key, {@code usage.prompt_tokens}. */
final class OpenAiProtocol implements NativeProtocol {
  @Override
  public SimDialect simDialect() {
    return new OpenAiSimDialect();
  }

  @Override
  public String gatewayType() {
    return "openai";
  }

  @Override
  public String gatewayBaseUrl(String root) {
    return root + "/v1";
  }

  @Override
  public String chatUrl(String root, String model) {
    return root + "/v1/chat/completions";
  }

  @Override
  public MultiMap headers(String apiKey) {
    return MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json")
        .add("authorization", "Bearer " + apiKey);
  }

  @Override
  public Buffer chatBody(String model, String system, String text, int maxTokens) {
    return Buffer.buffer(Json.write(openAiChat(model, system, text, maxTokens)));
  }

  /** The OpenAI chat request both the direct client and the gateway's clients send. */
  static ObjectNode openAiChat(String model, String system, String text, int maxTokens) {
    ObjectNode body = Json.object();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", text);
    body.put("temperature", 0);
    body.put("max_tokens", maxTokens);
    return body;
  }

  @Override
  public long[] usage(JsonNode response) {
    JsonNode usage = response.path("usage");
    return new long[] {usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)};
  }
}
