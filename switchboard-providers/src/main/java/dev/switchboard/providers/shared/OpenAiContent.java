package dev.switchboard.providers.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;

/** Helpers that every native translator needs when reading an OpenAI request. Pure. */
public final class OpenAiContent {
  private OpenAiContent() {}

  /** The text of a message's content (a string, or the text parts of an array joined by newlines). */
  public static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText()) || part.has("text") && !part.has("type")) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(part.path("text").asText());
      }
    }
    return out.toString();
  }

  /** The stop sequences of {@code stop} (a string or an array), or null. */
  public static JsonNode stopSequences(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return null;
    }
    if (stop.isTextual()) {
      return Json.array().add(stop.textValue());
    }
    return stop.isArray() && stop.size() > 0 ? stop.deepCopy() : null;
  }

  /** {@code max_completion_tokens}, else {@code max_tokens}, or null. */
  public static JsonNode maxTokens(ObjectNode request) {
    JsonNode value = request.get("max_completion_tokens");
    if (value == null || value.isNull()) {
      value = request.get("max_tokens");
    }
    return value == null || value.isNull() ? null : value;
  }

  /** Parses tool-call arguments into an object; a 400 naming {@code param} when they are not a JSON object. */
  public static ObjectNode arguments(String arguments, String param) {
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode parsed = Json.parse(arguments);
      if (parsed instanceof ObjectNode object) {
        return object;
      }
    } catch (Exception malformed) {
      // reported below
    }
    throw invalid("The tool-call arguments are not a JSON object.", param);
  }

  /** A data URL split into its media type and base64 payload, or null when {@code url} is not one. */
  public static DataUrl dataUrl(String url) {
    if (url == null || !url.startsWith("data:")) {
      return null;
    }
    int comma = url.indexOf(',');
    int base64 = url.lastIndexOf(";base64", comma);
    if (comma < 0 || base64 < 0) {
      return null;
    }
    return new DataUrl(url.substring(5, base64), url.substring(comma + 1));
  }

  /** A data URL's parts. */
  public record DataUrl(String mediaType, String base64) {}

  /** A 400 for a request this provider cannot take, naming the parameter. */
  public static UpstreamException invalid(String message, String param) {
    return new UpstreamException(FailureKind.BAD_REQUEST, 400, message, param);
  }
}
