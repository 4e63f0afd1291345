package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema (as OpenAI tools and {@code json_schema} carry it) → Gemini's Schema object, an OpenAPI 3.0 subset.
 * Types become upper case; {@code "type": ["string", "null"]} becomes {@code STRING} with {@code nullable};
 * keywords Gemini does not define (for example {@code additionalProperties}, {@code $schema}, {@code strict})
 * are left out, which loosens validation but never changes what a valid answer looks like.
 */
final class GeminiSchemas {
  private static final Set<String> SCALAR_KEYWORDS = Set.of("format", "title", "description", "nullable", "enum",
      "maxItems", "minItems", "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern",
      "example", "propertyOrdering", "default", "minimum", "maximum");

  private GeminiSchemas() {}

  static ObjectNode toGemini(JsonNode schema) {
    ObjectNode out = Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "type" -> type(value, out);
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          value.fields().forEachRemaining(p -> properties.set(p.getKey(), toGemini(p.getValue())));
        }
        case "items" -> out.set("items", toGemini(value));
        case "anyOf" -> {
          ArrayNode options = out.putArray("anyOf");
          value.forEach(option -> options.add(toGemini(option)));
        }
        default -> {
          if (SCALAR_KEYWORDS.contains(key)) {
            out.set(key, value);
          }
        }
      }
    }
    return out;
  }

  private static void type(JsonNode value, ObjectNode out) {
    if (value.isTextual()) {
      out.put("type", value.textValue().toUpperCase(Locale.ROOT));
      return;
    }
    for (JsonNode option : value) {
      if ("null".equals(option.asText())) {
        out.put("nullable", true);
      } else if (!out.has("type")) {
        out.put("type", option.asText().toUpperCase(Locale.ROOT));
      }
    }
  }
}
