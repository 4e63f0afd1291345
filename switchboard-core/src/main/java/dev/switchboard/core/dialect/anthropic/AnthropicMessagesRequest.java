package dev.switchboard.core.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;

/**
 * An Anthropic Messages request ({@code POST /v1/messages}) → the canonical OpenAI chat-completions request, so
 * that it can be served by any provider.
 *
 * <p>{@code system} becomes the first system message (content parts when it has several blocks or
 * {@code cache_control}); text blocks become text parts, images (base64 or URL) image_url parts, {@code tool_use}
 * blocks assistant {@code tool_calls}, {@code tool_result} blocks tool messages placed before the rest of their user
 * turn (an error result's text is prefixed "Error: ", as OpenAI has no error flag); {@code cache_control} stays on
 * parts and tools (providers that cache honour it, others ignore it); {@code max_tokens} (required, as Anthropic
 * requires it) becomes {@code max_tokens}; {@code stop_sequences} → {@code stop}; tools →
 * function tools; {@code tool_choice} auto/any/none/tool → auto/required/none/named with
 * {@code disable_parallel_tool_use} → {@code parallel_tool_calls: false}; {@code metadata.user_id} → {@code user};
 * {@code top_k} and {@code thinking} are carried for providers that take them. Streams ask for usage. Thinking
 * blocks of earlier turns are dropped (they are the model's own notes); document blocks, server tools and
 * unknown block types are rejected with a 400 naming the field.
 */
public final class AnthropicMessagesRequest {
  private AnthropicMessagesRequest() {}

  public static ObjectNode toOpenAi(JsonNode request) {
    if (!(request instanceof ObjectNode anthropic)) {
      throw GatewayException.badRequest("The request body must be a JSON object.", null);
    }
    ObjectNode out = Json.object();
    JsonNode model = anthropic.get("model");
    if (model == null || !model.isTextual() || model.textValue().isEmpty()) {
      throw GatewayException.badRequest("model: Field required", "model");
    }
    out.put("model", model.textValue());
    JsonNode maxTokens = anthropic.get("max_tokens");
    if (maxTokens == null || !maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
      throw GatewayException.badRequest("max_tokens: Field required (a positive integer)", "max_tokens");
    }
    ArrayNode messages = out.putArray("messages");
    addSystem(anthropic.get("system"), messages);
    JsonNode input = anthropic.get("messages");
    if (input == null || !input.isArray() || input.isEmpty()) {
      throw GatewayException.badRequest("messages: Field required (a non-empty array)", "messages");
    }
    for (int i = 0; i < input.size(); i++) {
      AnthropicContent.addMessage(input.get(i), "messages." + i, messages);
    }
    out.put("max_tokens", maxTokens.asInt());
    for (String name : new String[] {"temperature", "top_p", "top_k", "thinking"}) {
      JsonNode value = anthropic.get(name);
      if (value != null && !value.isNull()) {
        out.set(name, value);
      }
    }
    JsonNode stop = anthropic.get("stop_sequences");
    if (stop != null && stop.isArray() && !stop.isEmpty()) {
      out.set("stop", stop);
    }
    String user = anthropic.path("metadata").path("user_id").asText(null);
    if (user != null && !user.isEmpty()) {
      out.put("user", user);
    }
    AnthropicContent.addTools(anthropic, out);
    if (anthropic.path("stream").asBoolean(false)) {
      out.put("stream", true);
      out.putObject("stream_options").put("include_usage", true);
    }
    return out;
  }

  private static void addSystem(JsonNode system, ArrayNode messages) {
    if (system == null || system.isNull()) {
      return;
    }
    if (system.isTextual()) {
      if (!system.textValue().isEmpty()) {
        messages.addObject().put("role", "system").put("content", system.textValue());
      }
      return;
    }
    if (!system.isArray()) {
      throw GatewayException.badRequest("system: must be a string or an array of text blocks", "system");
    }
    ArrayNode parts = Json.array();
    boolean cached = false;
    for (int i = 0; i < system.size(); i++) {
      JsonNode block = system.get(i);
      if (!block.path("type").asText().equals("text")) {
        throw GatewayException.badRequest("system." + i + ": only text blocks are allowed", "system." + i);
      }
      ObjectNode part = parts.addObject().put("type", "text").put("text", block.path("text").asText());
      if (block.has("cache_control")) {
        part.set("cache_control", block.get("cache_control"));
        cached = true;
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    ObjectNode message = messages.addObject().put("role", "system");
    if (parts.size() == 1 && !cached) {
      message.put("content", parts.get(0).get("text").asText());
    } else {
      message.set("content", parts);
    }
  }
}
