package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimDialect;
import dev.switchboard.sim.anthropic.AnthropicSimDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Anthropic's Messages API: {@code POST /v1/messages}, {@code x-api-key}, {@code usage.input_tokens}. */
final class AnthropicProtocol implements NativeProtocol {
  @Override
  public SimDialect simDialect() {
    return new AnthropicSimDialect();
  }

  @Override
  public String gatewayType() {
    return "anthropic";
  }

  @Override
  public String gatewayBaseUrl(String root) {
    return root;
  }

  @Override
  public String chatUrl(String root, String model) {
    return root + "/v1/messages";
  }

  @Override
  public MultiMap headers(String apiKey) {
    return MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json").add("x-api-key", apiKey)
        .add("anthropic-version", "2023-06-01");
  }

  @Override
  public Buffer chatBody(String model, String system, String text, int maxTokens) {
    ObjectNode body = Json.object();
    body.put("model", model);
    body.put("max_tokens", maxTokens);
    body.put("system", system);
    body.put("temperature", 0);
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    return Buffer.buffer(Json.write(body));
  }

  @Override
  public long[] usage(JsonNode response) {
    JsonNode usage = response.path("usage");
    return new long[] {usage.path("input_tokens").asLong(0) + usage.path("cache_read_input_tokens").asLong(0)
        + usage.path("cache_creation_input_tokens").asLong(0), usage.path("output_tokens").asLong(0)};
  }
}
