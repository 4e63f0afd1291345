package dev.switchboard.core.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.usage.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored answer: either a whole chat completion or the chunks of a streamed one, with what it cost when it was
 * made. Stored as JSON bytes; every hit parses a fresh copy, so no caller can modify what the cache holds.
 */
public final class CachedAnswer {
  private final ObjectNode completion;
  private final List<ObjectNode> chunks;
  private final double costUsd;

  private CachedAnswer(ObjectNode completion, List<ObjectNode> chunks, double costUsd) {
    this.completion = completion;
    this.chunks = chunks;
    this.costUsd = costUsd;
  }

  public static CachedAnswer ofCompletion(ObjectNode completion, double costUsd) {
    return new CachedAnswer(completion, null, costUsd);
  }

  public static CachedAnswer ofChunks(List<ObjectNode> chunks, double costUsd) {
    return new CachedAnswer(null, List.copyOf(chunks), costUsd);
  }

  public boolean streamed() {
    return chunks != null;
  }

  public double costUsd() {
    return costUsd;
  }

  /** The answer as a chat completion (assembled from the chunks when it was streamed). */
  public ObjectNode completion() {
    return completion != null ? completion : StreamAssembler.assemble(chunks);
  }

  /** The answer as chunks (synthesised from the completion when it was not streamed). */
  public List<ObjectNode> chunks() {
    return chunks != null ? chunks : ChunkSynthesizer.toChunks(completion);
  }

  /** The usage the answer reported when it was made, or null. */
  public Usage usage() {
    if (completion != null) {
      return Usage.fromOpenAi(completion.get("usage"));
    }
    Usage usage = null;
    for (ObjectNode chunk : chunks) {
      Usage seen = Usage.fromOpenAi(chunk.get("usage"));
      usage = seen != null ? seen : usage;
    }
    return usage;
  }

  public byte[] toBytes() {
    ObjectNode root = Json.object();
    root.put("v", 1);
    root.put("cost_usd", costUsd);
    if (completion != null) {
      root.set("completion", completion);
    } else {
      ArrayNode array = root.putArray("chunks");
      chunks.forEach(array::add);
    }
    return Json.write(root);
  }

  /** Parses stored bytes; null when they are not a stored answer (a foreign or older format). */
  public static CachedAnswer fromBytes(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.parse(bytes);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
    if (root == null || root.path("v").asInt() != 1) {
      return null;
    }
    double cost = root.path("cost_usd").asDouble(0);
    JsonNode completion = root.get("completion");
    if (completion != null && completion.isObject()) {
      return ofCompletion((ObjectNode) completion, cost);
    }
    JsonNode array = root.get("chunks");
    if (array == null || !array.isArray()) {
      return null;
    }
    List<ObjectNode> chunks = new ArrayList<>(array.size());
    for (JsonNode chunk : array) {
      if (!chunk.isObject()) {
        return null;
      }
      chunks.add((ObjectNode) chunk);
    }
    return ofChunks(chunks, cost);
  }
}
