package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.providers.shared.OpenAiContent;
import java.util.Locale;

/**
 * Images and audio → Gemini parts. Data URLs become {@code inlineData}; Google Cloud Storage and Gemini Files
 * API URIs become {@code fileData}. Other URLs are refused (400): Gemini does not fetch arbitrary URLs and the
 * gateway does not fetch on a client's behalf.
 */
final class GeminiMedia {
  private static final String FILES_API = "https://generativelanguage.googleapis.com/";

  private GeminiMedia() {}

  static ObjectNode image(String url, String param) {
    OpenAiContent.DataUrl data = OpenAiContent.dataUrl(url);
    ObjectNode part = Json.object();
    if (data != null) {
      part.putObject("inlineData").put("mimeType", data.mediaType()).put("data", data.base64());
      return part;
    }
    if (url != null && (url.startsWith("gs://") || url.startsWith(FILES_API))) {
      ObjectNode file = part.putObject("fileData");
      String mimeType = mimeTypeOf(url);
      if (mimeType != null) {
        file.put("mimeType", mimeType);
      }
      file.put("fileUri", url);
      return part;
    }
    throw OpenAiContent.invalid("Gemini takes images as data URLs (data:image/...;base64,...), gs:// URIs or "
        + "Gemini Files API URIs.", param);
  }

  static ObjectNode audio(JsonNode inputAudio, String param) {
    String format = inputAudio.path("format").asText("");
    if (!format.equals("wav") && !format.equals("mp3")) {
      throw OpenAiContent.invalid("Unsupported audio format '" + format + "'.", param + ".input_audio.format");
    }
    ObjectNode part = Json.object();
    part.putObject("inlineData").put("mimeType", "audio/" + format)
        .put("data", inputAudio.path("data").asText());
    return part;
  }

  private static String mimeTypeOf(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lower.endsWith(".webp")) {
      return "image/webp";
    }
    return null;
  }
}
