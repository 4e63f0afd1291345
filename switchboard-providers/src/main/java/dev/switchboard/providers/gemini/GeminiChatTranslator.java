package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.providers.shared.OpenAiContent;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenAI chat completions ↔ Gemini {@code generateContent}. Requests: system and developer messages become
 * {@code systemInstruction}; user/assistant turns become {@code contents} with roles {@code user}/{@code model}
 * (consecutive turns of one role merged); tool calls and results become {@code functionCall}/
 * {@code functionResponse} parts; sampling parameters go to {@code generationConfig}; JSON mode sets
 * {@code responseMimeType} (and {@code responseSchema}). Responses: see {@link GeminiResponses}.
 */
public final class GeminiChatTranslator implements ChatTranslator {

  @Override
  public ObjectNode toProvider(ObjectNode openAiRequest, TranslationContext context) {
    ObjectNode nativeRequest = Json.object();
    ArrayNode contents = nativeRequest.putArray("contents");
    ArrayNode system = Json.array();
    Map<String, String> toolNames = new HashMap<>();
    JsonNode messages = openAiRequest.path("messages");
    for (int i = 0; i < messages.size(); i++) {
      addMessage(messages.get(i), "messages[" + i + "]", contents, system, toolNames);
    }
    if (!system.isEmpty()) {
      nativeRequest.putObject("systemInstruction").set("parts", system);
    }
    addTools(openAiRequest, nativeRequest);
    ObjectNode generation = GeminiGenerationConfig.from(openAiRequest);
    if (!generation.isEmpty()) {
      nativeRequest.set("generationConfig", generation);
    }
    return nativeRequest;
  }

  @Override
  public ObjectNode toOpenAi(ObjectNode providerResponse, TranslationContext context) {
    return GeminiResponses.completion(providerResponse, context);
  }

  private static void addMessage(JsonNode message, String path, ArrayNode contents, ArrayNode system,
      Map<String, String> toolNames) {
    String role = message.path("role").asText("");
    switch (role) {
      case "system", "developer" -> {
        String text = OpenAiContent.text(message.get("content"));
        if (!text.isEmpty()) {
          system.addObject().put("text", text);
        }
      }
      case "user" -> userParts(message.get("content"), path + ".content", partsFor(contents, "user"));
      case "assistant" -> assistantParts(message, path, contents, toolNames);
      case "tool", "function" -> toolResult(message, path, partsFor(contents, "user"), toolNames);
      default -> throw OpenAiContent.invalid("Unsupported message role '" + role + "'.", path + ".role");
    }
  }

  /** The parts array of the last content when it has {@code role}, else of a new content with that role. */
  private static ArrayNode partsFor(ArrayNode contents, String role) {
    if (!contents.isEmpty()) {
      JsonNode last = contents.get(contents.size() - 1);
      if (role.equals(last.path("role").asText())) {
        return (ArrayNode) last.get("parts");
      }
    }
    ObjectNode content = contents.addObject();
    content.put("role", role);
    return content.putArray("parts");
  }

  private static void userParts(JsonNode content, String path, ArrayNode parts) {
    if (content == null || content.isNull()) {
      return;
    }
    if (content.isTextual()) {
      parts.addObject().put("text", content.textValue());
      return;
    }
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> parts.addObject().put("text", part.path("text").asText());
        case "image_url" -> parts.add(GeminiMedia.image(part.path("image_url").path("url").asText(null),
            path + "[" + i + "].image_url.url"));
        case "input_audio" -> parts.add(GeminiMedia.audio(part.path("input_audio"), path + "[" + i + "]"));
        default -> throw OpenAiContent.invalid("Content parts of type '" + type
            + "' are not supported by Gemini.", path + "[" + i + "].type");
      }
    }
  }

  private static void assistantParts(JsonNode message, String path, ArrayNode contents,
      Map<String, String> toolNames) {
    String text = OpenAiContent.text(message.get("content"));
    JsonNode calls = message.path("tool_calls");
    if (text.isEmpty() && (!calls.isArray() || calls.isEmpty())) {
      return;
    }
    ArrayNode parts = partsFor(contents, "model");
    if (!text.isEmpty()) {
      parts.addObject().put("text", text);
    }
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      String name = call.path("function").path("name").asText();
      String id = call.path("id").asText();
      toolNames.put(id, name);
      ObjectNode part = parts.addObject();
      ObjectNode functionCall = part.putObject("functionCall");
      int signatureAt = id.indexOf(GeminiResponses.SIGNATURE_SEPARATOR);
      if (signatureAt >= 0) {
        part.put("thoughtSignature", id.substring(signatureAt + GeminiResponses.SIGNATURE_SEPARATOR.length()));
      }
      functionCall.put("name", name);
      functionCall.set("args", OpenAiContent.arguments(call.path("function").path("arguments").asText(null),
          path + ".tool_calls[" + i + "].function.arguments"));
    }
  }

  private static void toolResult(JsonNode message, String path, ArrayNode parts, Map<String, String> toolNames) {
    String name = message.path("name").asText(null);
    if (name == null) {
      name = toolNames.get(message.path("tool_call_id").asText());
    }
    if (name == null) {
      throw OpenAiContent.invalid("The tool message does not answer any tool call of an earlier assistant "
          + "message.", path + ".tool_call_id");
    }
    String text = OpenAiContent.text(message.get("content"));
    ObjectNode response = Json.object();
    try {
      JsonNode parsed = text.isBlank() ? null : Json.parse(text);
      if (parsed instanceof ObjectNode object) {
        response = object;
      } else {
        response.put("output", text);
      }
    } catch (Exception notJson) {
      response.put("output", text);
    }
    ObjectNode functionResponse = parts.addObject().putObject("functionResponse");
    functionResponse.put("name", name);
    functionResponse.set("response", response);
  }

  private static void addTools(ObjectNode request, ObjectNode nativeRequest) {
    JsonNode tools = request.path("tools");
    if (tools.isArray() && !tools.isEmpty()) {
      ArrayNode declarations = nativeRequest.putArray("tools").addObject().putArray("functionDeclarations");
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        if (!"function".equals(tool.path("type").asText("function"))) {
          throw OpenAiContent.invalid("Only function tools are supported by Gemini.", "tools[" + i + "].type");
        }
        JsonNode function = tool.path("function");
        ObjectNode declaration = declarations.addObject();
        declaration.put("name", function.path("name").asText());
        if (function.hasNonNull("description")) {
          declaration.put("description", function.get("description").asText());
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && parameters.isObject() && parameters.path("properties").size() > 0) {
          declaration.set("parameters", GeminiSchemas.toGemini(parameters));
        }
      }
    }
    JsonNode choice = request.get("tool_choice");
    if (choice != null && !choice.isNull()) {
      ObjectNode config = Json.object();
      if (choice.isTextual()) {
        config.put("mode", switch (choice.textValue()) {
          case "none" -> "NONE";
          case "required" -> "ANY";
          default -> "AUTO";
        });
      } else {
        config.put("mode", "ANY");
        config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
      }
      nativeRequest.putObject("toolConfig").set("functionCallingConfig", config);
    }
  }
}
