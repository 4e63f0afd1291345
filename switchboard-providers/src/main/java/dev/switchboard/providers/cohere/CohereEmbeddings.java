package dev.switchboard.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.providers.shared.OpenAiEmbeddings;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings ↔ Cohere {@code /v2/embed}: {@code input} becomes {@code texts}, {@code dimensions} becomes
 * {@code output_dimension}, float vectors are requested; {@code input_type} (which Cohere requires) is taken from
 * the request's {@code input_type} field when given, else {@code search_document}. Pure.
 */
public final class CohereEmbeddings {
  private CohereEmbeddings() {}

  public static ObjectNode toProvider(ObjectNode openAiRequest, String model) {
    ObjectNode nativeRequest = Json.object();
    nativeRequest.put("model", model);
    ArrayNode texts = nativeRequest.putArray("texts");
    for (String text : OpenAiEmbeddings.texts(openAiRequest)) {
      texts.add(text);
    }
    nativeRequest.put("input_type", openAiRequest.path("input_type").asText("search_document"));
    nativeRequest.putArray("embedding_types").add("float");
    JsonNode dimensions = openAiRequest.get("dimensions");
    if (dimensions != null && dimensions.isNumber()) {
      nativeRequest.put("output_dimension", dimensions.asInt());
    }
    return nativeRequest;
  }

  public static ObjectNode toOpenAi(ObjectNode response, String model, boolean base64) {
    List<JsonNode> vectors = new ArrayList<>();
    JsonNode embeddings = response.path("embeddings");
    JsonNode floats = embeddings.isArray() ? embeddings : embeddings.path("float");
    floats.forEach(vectors::add);
    long tokens = response.path("meta").path("billed_units").path("input_tokens").asLong(0);
    return OpenAiEmbeddings.list(vectors, model, tokens, base64);
  }
}
