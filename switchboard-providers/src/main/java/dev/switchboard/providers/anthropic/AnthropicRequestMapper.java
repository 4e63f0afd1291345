package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;

/**
 * OpenAI chat-completions request → Anthropic Messages request. Parameter policy (documented in
 * {@link AnthropicChatTranslator}): honoured parameters are mapped; neutral values of parameters Anthropic lacks are
 * dropped; anything else Anthropic cannot honour is rejected with a 400 naming the parameter.
 */
final class AnthropicRequestMapper {
  private final int defaultMaxTokens;

  AnthropicRequestMapper(int defaultMaxTokens) {
    this.defaultMaxTokens = defaultMaxTokens;
  }

  ObjectNode map(ObjectNode openAi, String upstreamModel) {
    rejectUnsupported(openAi);
    ObjectNode out = Json.object();
    out.put("model", upstreamModel != null ? upstreamModel : openAi.path("model").asText());
    JsonNode messages = openAi.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw AnthropicRequestMapper.invalid("'messages' must be a non-empty array.", "messages");
    }
    ArrayNode system = Json.array();
    out.set("messages", mapMessages((ArrayNode) messages, system));
    if (!system.isEmpty()) {
      out.set("system", systemValue(system));
    }
    out.put("max_tokens", maxTokens(openAi));
    copySampling(openAi, out);
    JsonNode stop = openAi.get("stop");
    if (stop != null && !stop.isNull()) {
      ArrayNode sequences = out.putArray("stop_sequences");
      if (stop.isTextual()) {
        sequences.add(stop.textValue());
      } else {
        stop.forEach(sequences::add);
      }
    }
    if (openAi.path("stream").asBoolean(false)) {
      out.put("stream", true);
    }
    String user = openAi.path("user").asText(null);
    if (user != null && !user.isEmpty()) {
      out.putObject("metadata").put("user_id", user);
    }
    AnthropicToolMapper.mapTools(openAi, out);
    return out;
  }

  private int maxTokens(ObjectNode openAi) {
    JsonNode limit = openAi.get("max_completion_tokens");
    if (limit == null || limit.isNull()) {
      limit = openAi.get("max_tokens");
    }
    if (limit == null || limit.isNull()) {
      return defaultMaxTokens;
    }
    if (!limit.canConvertToInt() || limit.asInt() < 1) {
      throw AnthropicRequestMapper.invalid("'max_tokens' must be a positive integer.", "max_tokens");
    }
    return limit.asInt();
  }

  private static void copySampling(ObjectNode openAi, ObjectNode out) {
    JsonNode temperature = openAi.get("temperature");
    if (temperature != null && !temperature.isNull()) {
      if (!temperature.isNumber() || temperature.asDouble() < 0 || temperature.asDouble() > 1) {
        throw AnthropicRequestMapper.invalid("'temperature' must be between 0 and 1 for Anthropic models.",
            "temperature");
      }
      out.set("temperature", temperature);
    }
    for (String name : new String[] {"top_p", "top_k", "thinking"}) {
      JsonNode value = openAi.get(name);
      if (value != null && !value.isNull()) {
        out.set(name, value);
      }
    }
  }

  /** Rejects parameters Anthropic cannot honour unless they carry their neutral value. */
  private static void rejectUnsupported(ObjectNode openAi) {
    JsonNode n = openAi.get("n");
    if (n != null && !n.isNull() && n.asInt(1) != 1) {
      throw unsupported("n", "only one choice (n = 1)");
    }
    if (openAi.path("logprobs").asBoolean(false)) {
      throw unsupported("logprobs", "no log probabilities");
    }
    if (openAi.hasNonNull("top_logprobs")) {
      throw unsupported("top_logprobs", "no log probabilities");
    }
    for (String penalty : new String[] {"presence_penalty", "frequency_penalty"}) {
      JsonNode value = openAi.get(penalty);
      if (value != null && !value.isNull() && value.asDouble(0) != 0) {
        throw unsupported(penalty, "no " + penalty.replace('_', ' '));
      }
    }
    JsonNode logitBias = openAi.get("logit_bias");
    if (logitBias != null && logitBias.isObject() && !logitBias.isEmpty()) {
      throw unsupported("logit_bias", "no logit bias");
    }
    if (openAi.hasNonNull("audio") || openAi.hasNonNull("prediction")) {
      throw unsupported(openAi.hasNonNull("audio") ? "audio" : "prediction", "text and tool output only");
    }
    if (openAi.hasNonNull("reasoning_effort") && !openAi.hasNonNull("thinking")) {
      throw unsupported("reasoning_effort", "an explicit 'thinking' budget instead of a reasoning effort");
    }
  }

  static UpstreamException unsupported(String param, String what) {
    return AnthropicRequestMapper.invalid("Parameter '" + param + "' is not supported by Anthropic models, which take "
        + what + ".", param);
  }

  /** A request Anthropic cannot take: HTTP 400 naming the parameter, not retried. */
  static UpstreamException invalid(String message, String param) {
    return new UpstreamException(FailureKind.BAD_REQUEST, 400, message, -1, param);
  }

  private static JsonNode systemValue(ArrayNode system) {
    if (system.size() == 1 && !system.get(0).has("cache_control")) {
      return system.get(0).get("text");
    }
    return system;
  }

  private ArrayNode mapMessages(ArrayNode messages, ArrayNode system) {
    ArrayNode out = Json.array();
    ObjectNode openUser = null;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      String path = "messages[" + i + "]";
      switch (role) {
        case "system", "developer" -> addSystem(message.get("content"), system, path);
        case "user" -> {
          ArrayNode blocks = AnthropicContentMapper.userBlocks(message.get("content"), path);
          if (openUser != null) {
            ((ArrayNode) openUser.get("content")).addAll(blocks);
          } else {
            ObjectNode user = out.addObject().put("role", "user");
            user.set("content", compact(blocks));
          }
          openUser = null;
        }
        case "tool" -> {
          if (openUser == null) {
            openUser = out.addObject().put("role", "user");
            openUser.putArray("content");
          }
          ((ArrayNode) openUser.get("content")).add(AnthropicContentMapper.toolResult(message, path));
        }
        case "assistant" -> {
          openUser = null;
          ArrayNode blocks = AnthropicContentMapper.assistantBlocks(message, path);
          if (!blocks.isEmpty()) {
            out.addObject().put("role", "assistant").set("content", blocks);
          }
        }
        default -> throw AnthropicRequestMapper.invalid("Unsupported message role '" + role + "'.", path + ".role");
      }
    }
    return out;
  }

  /** A single plain text block becomes a string, as Anthropic's own examples send it. */
  private static JsonNode compact(ArrayNode blocks) {
    if (blocks.size() == 1 && blocks.get(0).path("type").asText().equals("text") && blocks.get(0).size() == 2) {
      return blocks.get(0).get("text");
    }
    return blocks;
  }

  private static void addSystem(JsonNode content, ArrayNode system, String path) {
    if (content == null || content.isNull()) {
      return;
    }
    if (content.isTextual()) {
      if (!content.textValue().isEmpty()) {
        system.addObject().put("type", "text").put("text", content.textValue());
      }
      return;
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      if (!part.path("type").asText().equals("text")) {
        throw AnthropicRequestMapper.invalid("System messages may contain only text.", path + ".content[" + j + "]");
      }
      ObjectNode block = system.addObject().put("type", "text").put("text", part.path("text").asText());
      if (part.has("cache_control")) {
        block.set("cache_control", part.get("cache_control"));
      }
    }
  }
}
