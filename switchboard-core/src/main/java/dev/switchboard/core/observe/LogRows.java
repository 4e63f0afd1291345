package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/** Turns a {@link LogEntry} into a stored row: decides on bodies, serialises, redacts and caps them. */
final class LogRows {
  private final LogSampler sampler;
  private final Redactor redactor;
  private final int maxBodyChars;

  LogRows(LogSampler sampler, Redactor redactor, int maxBodyChars) {
    this.sampler = sampler;
    this.redactor = redactor;
    this.maxBodyChars = maxBodyChars;
  }

  ObjectNode toRow(LogEntry e) {
    ObjectNode row = metadata(e);
    String keep = sampler.reasonToKeep(e);
    if (keep != null) {
      row.put("bodies_kept", keep);
      row.put("request_body", body(e.requestBody() == null ? null : Json.writeString(e.requestBody())));
      String response = e.responseBody() != null ? Json.writeString(e.responseBody()) : e.streamedText();
      row.put("response_body", body(response));
    }
    return row;
  }

  /** Every column except the bodies; also the shape of a live-tail event. */
  static ObjectNode metadata(LogEntry e) {
    ObjectNode row = Json.object();
    row.put("request_id", e.requestId());
    row.put("started_at", e.startedAtMillis());
    row.put("endpoint", e.endpoint());
    row.put("stream", e.stream() ? 1 : 0);
    row.put("key_id", e.keyId());
    row.put("team", e.team());
    row.put("requested_model", e.requestedModel());
    row.put("served_model", e.servedModel());
    row.put("provider", e.provider());
    row.put("deployment", e.deployment());
    row.put("attempt_count", e.attempts().size());
    row.put("attempts", attempts(e).toString());
    row.put("route_decision", e.routeDecision());
    row.put("cache_status", e.cacheStatus());
    row.put("saved_cost_usd", e.savedCostUsd());
    row.put("prompt_tokens", e.promptTokens());
    row.put("completion_tokens", e.completionTokens());
    row.put("cached_tokens", e.cachedTokens());
    row.put("cache_creation_tokens", e.cacheCreationTokens());
    row.put("reasoning_tokens", e.reasoningTokens());
    row.put("tokens_estimated", e.tokensEstimated() ? 1 : 0);
    row.put("cost_usd", e.costUsd());
    row.put("priced", e.priced() ? 1 : 0);
    row.put("total_us", e.totalNanos() / 1000);
    row.put("ttft_us", e.firstTokenNanos() / 1000);
    row.put("upstream_us", e.upstreamNanos() / 1000);
    row.put("overhead_us", e.overheadNanos() / 1000);
    row.put("status", e.status());
    row.put("error_type", e.errorType());
    row.put("error_code", e.errorCode());
    row.put("finish_reason", e.finishReason());
    row.put("guard_outcomes", e.guardOutcomes().isEmpty() ? null : String.join(",", e.guardOutcomes()));
    return row;
  }

  private static ArrayNode attempts(LogEntry e) {
    ArrayNode array = Json.array();
    for (AttemptRecord a : e.attempts()) {
      array.addObject().put("provider", a.provider()).put("deployment", a.deployment()).put("model", a.model())
          .put("status", a.status()).put("outcome", a.outcome()).put("duration_us", a.durationNanos() / 1000)
          .put("hedge", a.hedge());
    }
    return array;
  }

  private String body(String text) {
    if (text == null) {
      return null;
    }
    String redacted = redactor.redact(text);
    return redacted.length() <= maxBodyChars ? redacted : redacted.substring(0, maxBodyChars) + "…[truncated]";
  }
}
