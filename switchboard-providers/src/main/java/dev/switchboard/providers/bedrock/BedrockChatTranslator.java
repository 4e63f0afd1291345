package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;

/**
 * OpenAI chat completions ⇄ Bedrock Converse. Pure. The model id travels in the URL, not the body. Parameters
 * are checked by {@link BedrockParameterPolicy}; those it drops are simply not copied here.
 */
public final class BedrockChatTranslator implements ChatTranslator {
  private final String providerName;

  public BedrockChatTranslator(String providerName) {
    this.providerName = providerName;
  }

  @Override
  public ObjectNode toProvider(ObjectNode openAiRequest, TranslationContext context) {
    ObjectNode converse = Json.object();
    BedrockMessages.convert(openAiRequest.get("messages"), converse);
    ObjectNode inference = inferenceConfig(openAiRequest);
    if (!inference.isEmpty()) {
      converse.set("inferenceConfig", inference);
    }
    ObjectNode tools = toolConfig(openAiRequest);
    if (tools != null) {
      converse.set("toolConfig", tools);
    }
    return converse;
  }

  private static ObjectNode inferenceConfig(ObjectNode request) {
    ObjectNode inference = Json.object();
    JsonNode maxTokens = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
        : request.get("max_tokens");
    if (maxTokens != null && !maxTokens.isNull()) {
      if (!maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
        throw BedrockMessages.invalid("The token limit must be a positive integer.",
            request.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens");
      }
      inference.put("maxTokens", maxTokens.asInt());
    }
    if (request.hasNonNull("temperature")) {
      inference.put("temperature", request.get("temperature").asDouble());
    }
    if (request.hasNonNull("top_p")) {
      inference.put("topP", request.get("top_p").asDouble());
    }
    JsonNode stop = request.get("stop");
    if (stop != null && !stop.isNull()) {
      ArrayNode sequences = inference.putArray("stopSequences");
      if (stop.isTextual()) {
        sequences.add(stop.textValue());
      } else {
        stop.forEach(s -> sequences.add(s.asText()));
      }
    }
    return inference;
  }

  private static ObjectNode toolConfig(ObjectNode request) {
    JsonNode tools = request.get("tools");
    if (tools == null || !tools.isArray() || tools.isEmpty()) {
      return null;
    }
    JsonNode choice = request.get("tool_choice");
    boolean none = choice != null && "none".equals(choice.asText(null));
    if (none && !BedrockParameterPolicy.hasToolHistory(request)) {
      return null;
    }
    ObjectNode config = Json.object();
    ArrayNode specs = config.putArray("tools");
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!tool.path("type").asText("function").equals("function")) {
        throw BedrockMessages.invalid("Only function tools are supported for Bedrock.", "tools[" + i + "].type");
      }
      JsonNode function = tool.path("function");
      ObjectNode spec = specs.addObject().putObject("toolSpec");
      spec.put("name", function.path("name").asText(""));
      if (function.hasNonNull("description")) {
        spec.put("description", function.get("description").asText());
      }
      JsonNode parameters = function.get("parameters");
      spec.putObject("inputSchema").set("json", parameters != null && parameters.isObject() ? parameters
          : Json.object().put("type", "object").set("properties", Json.object()));
    }
    if (choice != null && !none && !choice.isNull()) {
      config.set("toolChoice", toolChoice(choice));
    }
    return config;
  }

  private static ObjectNode toolChoice(JsonNode choice) {
    ObjectNode out = Json.object();
    if (choice.isTextual()) {
      switch (choice.textValue()) {
        case "auto" -> out.putObject("auto");
        case "required" -> out.putObject("any");
        default -> throw BedrockMessages.invalid("Unknown tool_choice '" + choice.textValue() + "'.",
            "tool_choice");
      }
      return out;
    }
    String name = choice.path("function").path("name").asText("");
    if (name.isEmpty()) {
      throw BedrockMessages.invalid("tool_choice must name a function.", "tool_choice");
    }
    out.putObject("tool").put("name", name);
    return out;
  }

  @Override
  public ObjectNode toOpenAi(ObjectNode providerResponse, TranslationContext context) {
    JsonNode content = providerResponse.path("output").path("message").path("content");
    String stopReason = providerResponse.path("stopReason").asText(null);
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode calls = Json.array();
    for (JsonNode block : content) {
      if (block.has("text")) {
        text.append(block.get("text").asText());
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        ObjectNode call = calls.addObject();
        call.put("id", use.path("toolUseId").asText());
        call.put("type", "function");
        call.putObject("function").put("name", use.path("name").asText())
            .put("arguments", Json.writeString(use.path("input").isMissingNode() ? Json.object()
                : use.get("input")));
      } else if (block.has("reasoningContent")) {
        reasoning.append(block.get("reasoningContent").path("reasoningText").path("text").asText(""));
      }
    }
    if (text.length() == 0 && calls.isEmpty() && isFiltered(stopReason)) {
      throw new UpstreamException(FailureKind.CONTENT_FILTERED, 200, "The provider '" + providerName
          + "' blocked the request (" + stopReason + ").");
    }
    ObjectNode completion = Json.object();
    completion.put("id", BedrockShapes.completionId(context));
    completion.put("object", "chat.completion");
    completion.put("created", context.createdEpochSeconds());
    completion.put("model", context.upstreamModel());
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (text.length() == 0 && !calls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (reasoning.length() > 0) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", BedrockShapes.finishReason(stopReason));
    if (providerResponse.has("usage")) {
      completion.set("usage", BedrockShapes.usage(providerResponse.get("usage")));
    }
    return completion;
  }

  static boolean isFiltered(String stopReason) {
    return "content_filtered".equals(stopReason) || "guardrail_intervened".equals(stopReason);
  }
}
