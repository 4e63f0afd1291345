package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.stream.ChunkObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Watches a passing stream and, when it ends normally with a finish reason, stores it. Each chunk is serialised as
 * it passes (so later filters cannot change what is stored) into one buffer capped at the largest entry; a longer
 * stream is passed through untouched and not stored.
 */
final class StoringObserver implements ChunkObserver {
  private static final byte[] HEAD = "{\"v\":1,\"cost_usd\":0.0,\"chunks\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

  private final int maxBytes;
  private final Consumer<byte[]> store;
  private final Runnable release;
  private final CacheStats stats;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private boolean first = true;
  private boolean finished;

  StoringObserver(int maxBytes, Consumer<byte[]> store, Runnable release, CacheStats stats) {
    this.maxBytes = maxBytes;
    this.store = store;
    this.release = release;
    this.stats = stats;
    buffer.writeBytes(HEAD);
  }

  /** Whether a whole completion is a complete, storable answer. */
  static boolean storable(ObjectNode body) {
    if (body.has("error")) {
      return false;
    }
    JsonNode choices = body.get("choices");
    if (choices == null) {
      return body.has("data");
    }
    if (!choices.isArray() || choices.isEmpty()) {
      return false;
    }
    for (JsonNode choice : choices) {
      if (!storableFinish(choice.get("finish_reason"))) {
        return false;
      }
    }
    return true;
  }

  private static boolean storableFinish(JsonNode reason) {
    if (reason == null || !reason.isTextual()) {
      return false;
    }
    String text = reason.textValue();
    return !"content_filter".equals(text) && !"error".equals(text);
  }

  @Override
  public ObjectNode onChunk(ObjectNode chunk) {
    if (buffer == null) {
      return chunk;
    }
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode reason = choice.get("finish_reason");
      if (reason != null && !reason.isNull()) {
        if (!storableFinish(reason)) {
          buffer = null;
          return chunk;
        }
        finished = true;
      }
    }
    byte[] bytes = Json.write(chunk);
    if (buffer.size() + bytes.length + 1 + TAIL.length > maxBytes) {
      buffer = null;
      stats.tooLarge.increment();
      return chunk;
    }
    if (!first) {
      buffer.write(',');
    }
    first = false;
    buffer.writeBytes(bytes);
    return chunk;
  }

  @Override
  public void onEnd() {
    try {
      if (buffer != null && finished) {
        buffer.writeBytes(TAIL);
        store.accept(buffer.toByteArray());
      }
    } finally {
      buffer = null;
      release.run();
    }
  }

  @Override
  public void onError(GatewayException error) {
    buffer = null;
    release.run();
  }
}
