package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.providers.shared.OpenAiEmbeddings;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings ↔ Gemini. One text uses {@code :embedContent}, several use {@code :batchEmbedContents};
 * {@code dimensions} becomes {@code outputDimensionality}. Gemini reports token usage only as
 * {@code usageMetadata.promptTokenCount} when present; otherwise usage is 0. Pure.
 */
public final class GeminiEmbeddings {
  private GeminiEmbeddings() {}

  /** Whether the request needs {@code :batchEmbedContents}. */
  public static boolean batch(ObjectNode openAiRequest) {
    return openAiRequest.path("input").isArray();
  }

  public static ObjectNode toProvider(ObjectNode openAiRequest, String model) {
    List<String> texts = OpenAiEmbeddings.texts(openAiRequest);
    JsonNode dimensions = openAiRequest.get("dimensions");
    if (!batch(openAiRequest)) {
      return request(texts.get(0), null, dimensions);
    }
    ObjectNode nativeRequest = Json.object();
    ArrayNode requests = nativeRequest.putArray("requests");
    for (String text : texts) {
      requests.add(request(text, "models/" + model, dimensions));
    }
    return nativeRequest;
  }

  private static ObjectNode request(String text, String model, JsonNode dimensions) {
    ObjectNode request = Json.object();
    if (model != null) {
      request.put("model", model);
    }
    request.putObject("content").putArray("parts").addObject().put("text", text);
    if (dimensions != null && dimensions.isNumber()) {
      request.put("outputDimensionality", dimensions.asInt());
    }
    return request;
  }

  public static ObjectNode toOpenAi(ObjectNode response, String model, boolean base64) {
    List<JsonNode> vectors = new ArrayList<>();
    if (response.has("embedding")) {
      vectors.add(response.path("embedding").path("values"));
    } else {
      for (JsonNode embedding : response.path("embeddings")) {
        vectors.add(embedding.path("values"));
      }
    }
    long tokens = response.path("usageMetadata").path("promptTokenCount").asLong(0);
    return OpenAiEmbeddings.list(vectors, model, tokens, base64);
  }
}
