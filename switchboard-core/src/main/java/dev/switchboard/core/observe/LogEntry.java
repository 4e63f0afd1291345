package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the request log keeps about one finished request: an immutable snapshot taken on the event loop (only
 * references are copied; bodies are serialised, redacted and sampled later on the log's own thread).
 *
 * @param requestBody the canonical request (kept only when sampled)
 * @param responseBody a whole response, or null for streams
 * @param streamedText the text of a streamed answer, or null
 */
public record LogEntry(
    String requestId,
    long startedAtMillis,
    String endpoint,
    boolean stream,
    String keyId,
    String team,
    String requestedModel,
    String servedModel,
    String provider,
    String deployment,
    List<AttemptRecord> attempts,
    String routeDecision,
    String cacheStatus,
    double savedCostUsd,
    long promptTokens,
    long completionTokens,
    long cachedTokens,
    long cacheCreationTokens,
    long reasoningTokens,
    boolean tokensEstimated,
    double costUsd,
    boolean priced,
    long totalNanos,
    long firstTokenNanos,
    long upstreamNanos,
    long overheadNanos,
    int status,
    String errorType,
    String errorCode,
    String finishReason,
    List<String> guardOutcomes,
    JsonNode requestBody,
    JsonNode responseBody,
    String streamedText) {

  public boolean isError() {
    return status >= 400 || errorType != null;
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
