package dev.switchboard.providers.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reading OpenAI {@code /v1/embeddings} requests and writing their answers, for native providers. Pure. */
public final class OpenAiEmbeddings {
  private OpenAiEmbeddings() {}

  /** The input texts (a string or an array of strings); token-array input is refused with a 400. */
  public static List<String> texts(ObjectNode request) {
    JsonNode input = request.get("input");
    List<String> texts = new ArrayList<>();
    if (input != null && input.isTextual()) {
      texts.add(input.textValue());
    } else if (input != null && input.isArray() && input.size() > 0) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw OpenAiContent.invalid("This provider takes embeddings input as text, not token arrays.", "input");
        }
        texts.add(item.textValue());
      }
    } else {
      throw OpenAiContent.invalid("'input' must be a string or a non-empty array of strings.", "input");
    }
    return texts;
  }

  /** Whether the client asked for base64-encoded vectors. */
  public static boolean base64(ObjectNode request) {
    return "base64".equals(request.path("encoding_format").asText("float"));
  }

  /**
   * An OpenAI embeddings list.
   *
   * @param vectors each vector as a JSON array of numbers
   */
  public static ObjectNode list(List<JsonNode> vectors, String model, long promptTokens, boolean base64) {
    ObjectNode document = Json.object();
    document.put("object", "list");
    ArrayNode data = document.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      JsonNode vector = vectors.get(i);
      if (base64) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : vector) {
          bytes.putFloat((float) value.asDouble());
        }
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        item.set("embedding", vector);
      }
    }
    document.put("model", model);
    ObjectNode usage = document.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("total_tokens", promptTokens);
    return document;
  }
}
