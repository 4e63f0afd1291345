package dev.switchboard.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.providers.shared.OpenAiContent;

/**
 * OpenAI chat completions ↔ Cohere v2 chat ({@code /v2/chat}). Messages keep their roles (developer becomes
 * system); an assistant's text beside tool calls becomes its {@code tool_plan}; tools keep OpenAI's shape;
 * {@code tool_choice} "required"/"none" become {@code REQUIRED}/{@code NONE} and a named tool becomes
 * {@code REQUIRED} with only that tool offered; {@code top_p} becomes {@code p} clamped to Cohere's 0.01–0.99;
 * penalties outside Cohere's 0–1 are refused; JSON mode becomes
 * {@code response_format: {type: json_object[, json_schema]}}. Responses: see {@link CohereResponses}.
 */
public final class CohereChatTranslator implements ChatTranslator {
  /** Cohere's bounds for {@code p}; OpenAI's {@code top_p} (0 to 1, default 1) is clamped into them. */
  private static final double MIN_P = 0.01;
  private static final double MAX_P = 0.99;

  @Override
  public ObjectNode toProvider(ObjectNode openAiRequest, TranslationContext context) {
    ObjectNode nativeRequest = Json.object();
    nativeRequest.put("model", context.upstreamModel());
    ArrayNode messages = nativeRequest.putArray("messages");
    JsonNode input = openAiRequest.path("messages");
    for (int i = 0; i < input.size(); i++) {
      messages.add(message(input.get(i), "messages[" + i + "]"));
    }
    tools(openAiRequest, nativeRequest);
    copy(openAiRequest, "temperature", nativeRequest, "temperature");
    JsonNode topP = openAiRequest.get("top_p");
    if (topP != null && topP.isNumber()) {
      nativeRequest.put("p", Math.max(MIN_P, Math.min(MAX_P, topP.asDouble())));
    }
    copy(openAiRequest, "seed", nativeRequest, "seed");
    penalty(openAiRequest, "frequency_penalty", nativeRequest);
    penalty(openAiRequest, "presence_penalty", nativeRequest);
    JsonNode max = OpenAiContent.maxTokens(openAiRequest);
    if (max != null) {
      nativeRequest.set("max_tokens", max);
    }
    JsonNode stop = OpenAiContent.stopSequences(openAiRequest.get("stop"));
    if (stop != null) {
      nativeRequest.set("stop_sequences", stop);
    }
    responseFormat(openAiRequest.get("response_format"), nativeRequest);
    if (openAiRequest.path("stream").asBoolean(false)) {
      nativeRequest.put("stream", true);
    }
    return nativeRequest;
  }

  @Override
  public ObjectNode toOpenAi(ObjectNode providerResponse, TranslationContext context) {
    return CohereResponses.completion(providerResponse, context);
  }

  private static ObjectNode message(JsonNode message, String path) {
    String role = message.path("role").asText("");
    ObjectNode out = Json.object();
    switch (role) {
      case "system", "developer" -> out.put("role", "system")
          .put("content", OpenAiContent.text(message.get("content")));
      case "user" -> {
        out.put("role", "user");
        out.set("content", userContent(message.get("content"), path + ".content"));
      }
      case "assistant" -> assistant(message, path, out);
      case "tool" -> out.put("role", "tool").put("tool_call_id", message.path("tool_call_id").asText())
          .put("content", OpenAiContent.text(message.get("content")));
      default -> throw OpenAiContent.invalid("Unsupported message role '" + role + "'.", path + ".role");
    }
    return out;
  }

  private static JsonNode userContent(JsonNode content, String path) {
    if (content == null || content.isNull() || content.isTextual()) {
      return Json.nodes().textNode(content == null || content.isNull() ? "" : content.textValue());
    }
    ArrayNode parts = Json.array();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> parts.addObject().put("type", "text").put("text", part.path("text").asText());
        case "image_url" -> {
          ObjectNode image = parts.addObject().put("type", "image_url");
          image.putObject("image_url").put("url", part.path("image_url").path("url").asText());
        }
        default -> throw OpenAiContent.invalid("Content parts of type '" + type
            + "' are not supported by Cohere.", path + "[" + i + "].type");
      }
    }
    return parts;
  }

  private static void assistant(JsonNode message, String path, ObjectNode out) {
    out.put("role", "assistant");
    String text = OpenAiContent.text(message.get("content"));
    JsonNode calls = message.path("tool_calls");
    if (!calls.isArray() || calls.isEmpty()) {
      out.put("content", text);
      return;
    }
    if (!text.isEmpty()) {
      out.put("tool_plan", text);
    }
    ArrayNode toolCalls = out.putArray("tool_calls");
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      String arguments = call.path("function").path("arguments").asText("{}");
      OpenAiContent.arguments(arguments, path + ".tool_calls[" + i + "].function.arguments");
      ObjectNode toolCall = toolCalls.addObject();
      toolCall.put("id", call.path("id").asText());
      toolCall.put("type", "function");
      toolCall.putObject("function").put("name", call.path("function").path("name").asText())
          .put("arguments", arguments.isBlank() ? "{}" : arguments);
    }
  }

  private static void tools(ObjectNode request, ObjectNode nativeRequest) {
    JsonNode tools = request.path("tools");
    JsonNode choice = request.get("tool_choice");
    String named = choice != null && choice.isObject() ? choice.path("function").path("name").asText(null) : null;
    if (tools.isArray() && !tools.isEmpty()) {
      ArrayNode out = nativeRequest.putArray("tools");
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        if (!"function".equals(tool.path("type").asText("function"))) {
          throw OpenAiContent.invalid("Only function tools are supported by Cohere.", "tools[" + i + "].type");
        }
        if (named == null || named.equals(tool.path("function").path("name").asText())) {
          ObjectNode function = out.addObject().put("type", "function").putObject("function");
          function.put("name", tool.path("function").path("name").asText());
          copy(tool.path("function"), "description", function, "description");
          copy(tool.path("function"), "parameters", function, "parameters");
        }
      }
      if (named != null && out.isEmpty()) {
        throw OpenAiContent.invalid("tool_choice names a tool that is not in tools.", "tool_choice");
      }
    }
    if (named != null || choice != null && "required".equals(choice.asText())) {
      nativeRequest.put("tool_choice", "REQUIRED");
    } else if (choice != null && "none".equals(choice.asText())) {
      nativeRequest.put("tool_choice", "NONE");
    }
  }

  private static void responseFormat(JsonNode format, ObjectNode nativeRequest) {
    if (format == null || !format.isObject()) {
      return;
    }
    String type = format.path("type").asText("text");
    if (type.equals("json_object")) {
      nativeRequest.putObject("response_format").put("type", "json_object");
    } else if (type.equals("json_schema")) {
      ObjectNode out = nativeRequest.putObject("response_format").put("type", "json_object");
      JsonNode schema = format.path("json_schema").path("schema");
      if (schema.isObject()) {
        out.set("json_schema", schema);
      }
    } else if (!type.equals("text")) {
      throw OpenAiContent.invalid("Unsupported response_format type '" + type + "'.", "response_format.type");
    }
  }

  /** Cohere takes penalties from 0 to 1; OpenAI's -2 to 2 outside that cannot be honoured and is refused. */
  private static void penalty(ObjectNode request, String name, ObjectNode nativeRequest) {
    JsonNode value = request.get(name);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
      throw OpenAiContent.invalid("Cohere takes " + name + " between 0 and 1.", name);
    }
    nativeRequest.set(name, value);
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String nativeName) {
    JsonNode value = from.get(name);
    if (value != null && !value.isNull()) {
      to.set(nativeName, value);
    }
  }
}
