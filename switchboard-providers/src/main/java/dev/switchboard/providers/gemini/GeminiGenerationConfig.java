package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.providers.shared.OpenAiContent;

/** OpenAI sampling and output parameters → Gemini {@code generationConfig}. Pure. */
final class GeminiGenerationConfig {
  private GeminiGenerationConfig() {}

  static ObjectNode from(ObjectNode request) {
    ObjectNode config = Json.object();
    copy(request, "temperature", config, "temperature");
    copy(request, "top_p", config, "topP");
    copy(request, "presence_penalty", config, "presencePenalty");
    copy(request, "frequency_penalty", config, "frequencyPenalty");
    copy(request, "seed", config, "seed");
    JsonNode max = OpenAiContent.maxTokens(request);
    if (max != null) {
      config.set("maxOutputTokens", max);
    }
    JsonNode stop = OpenAiContent.stopSequences(request.get("stop"));
    if (stop != null) {
      config.set("stopSequences", stop);
    }
    JsonNode n = request.get("n");
    if (n != null && n.isNumber() && n.asInt() > 1) {
      config.put("candidateCount", n.asInt());
    }
    responseFormat(request.get("response_format"), config);
    return config;
  }

  private static void responseFormat(JsonNode format, ObjectNode config) {
    if (format == null || !format.isObject()) {
      return;
    }
    String type = format.path("type").asText("text");
    switch (type) {
      case "json_object" -> config.put("responseMimeType", "application/json");
      case "json_schema" -> {
        config.put("responseMimeType", "application/json");
        JsonNode schema = format.path("json_schema").path("schema");
        if (schema.isObject()) {
          config.set("responseSchema", GeminiSchemas.toGemini(schema));
        }
      }
      case "text" -> {
        // Gemini's default
      }
      default -> throw OpenAiContent.invalid("Unsupported response_format type '" + type + "'.",
          "response_format.type");
    }
  }

  private static void copy(ObjectNode from, String name, ObjectNode to, String nativeName) {
    JsonNode value = from.get(name);
    if (value != null && !value.isNull()) {
      to.set(nativeName, value);
    }
  }
}
