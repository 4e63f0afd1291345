package dev.switchboard.core.observe;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.api.Json;
import java.util.List;

/** Turns a {@link LogEntry} into a stored row: decides on bodies, serialises, redacts and caps them. */
final class LogRows {
  private static final int BODIES_KEPT = LogRow.columnIndex("bodies_kept");
  private static final int REQUEST_BODY = LogRow.columnIndex("request_body");
  private static final int RESPONSE_BODY = LogRow.columnIndex("response_body");

  /** Room past the cap for secrets that start before it (a PEM private key is up to a few KB). */
  private static final int REDACT_SLACK = 8192;

  private final LogSampler sampler;
  private final Redactor redactor;
  private final int maxBodyChars;

  LogRows(LogSampler sampler, Redactor redactor, int maxBodyChars) {
    this.sampler = sampler;
    this.redactor = redactor;
    this.maxBodyChars = maxBodyChars;
  }

  LogRow toRow(LogEntry e) {
    LogRow row = metadata(e);
    String keep = sampler.reasonToKeep(e);
    if (keep != null) {
      row.set(BODIES_KEPT, keep);
      row.set(REQUEST_BODY, body(e.requestBody() == null ? null : Json.writeString(e.requestBody())));
      String response = e.responseBody() != null ? Json.writeString(e.responseBody()) : e.streamedText();
      row.set(RESPONSE_BODY, body(response));
    }
    return row;
  }

  /** Every column except the bodies, in the order of {@link LogColumns#ALL}; also a live-tail event. */
  static LogRow metadata(LogEntry e) {
    LogRow row = new LogRow();
    int i = 0;
    row.set(i++, e.requestId());
    row.set(i++, e.startedAtMillis());
    row.set(i++, e.endpoint());
    row.set(i++, e.stream() ? 1L : 0L);
    row.set(i++, e.keyId());
    row.set(i++, e.team());
    row.set(i++, e.requestedModel());
    row.set(i++, e.servedModel());
    row.set(i++, e.provider());
    row.set(i++, e.deployment());
    row.set(i++, (long) e.attempts().size());
    row.set(i++, attempts(e.attempts()));
    row.set(i++, e.routeDecision());
    row.set(i++, e.cacheStatus());
    row.set(i++, e.savedCostUsd());
    row.set(i++, e.promptTokens());
    row.set(i++, e.completionTokens());
    row.set(i++, e.cachedTokens());
    row.set(i++, e.cacheCreationTokens());
    row.set(i++, e.reasoningTokens());
    row.set(i++, e.tokensEstimated() ? 1L : 0L);
    row.set(i++, e.costUsd());
    row.set(i++, e.priced() ? 1L : 0L);
    row.set(i++, e.totalNanos() / 1000);
    row.set(i++, e.firstTokenNanos() / 1000);
    row.set(i++, e.upstreamNanos() / 1000);
    row.set(i++, e.overheadNanos() / 1000);
    row.set(i++, (long) e.status());
    row.set(i++, e.errorType());
    row.set(i++, e.errorCode());
    row.set(i++, e.finishReason());
    row.set(i, e.guardOutcomes().isEmpty() ? null : String.join(",", e.guardOutcomes()));
    return row;
  }

  /** The attempts as a JSON array, written directly (no tree). */
  static String attempts(List<AttemptRecord> attempts) {
    StringBuilder out = new StringBuilder(24 + 128 * attempts.size()).append('[');
    for (int i = 0; i < attempts.size(); i++) {
      AttemptRecord a = attempts.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"provider\":");
      string(out, a.provider());
      out.append(",\"deployment\":");
      string(out, a.deployment());
      out.append(",\"model\":");
      string(out, a.model());
      out.append(",\"status\":").append(a.status()).append(",\"outcome\":");
      string(out, a.outcome());
      out.append(",\"duration_us\":").append(a.durationNanos() / 1000).append(",\"hedge\":").append(a.hedge())
          .append('}');
    }
    return out.append(']').toString();
  }

  private static void string(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, out);
    out.append('"');
  }

  private String body(String text) {
    if (text == null) {
      return null;
    }
    // Redact a little more than is kept, so a secret that straddles the cap is still recognised whole.
    String window = text.length() > maxBodyChars + REDACT_SLACK ? text.substring(0, maxBodyChars + REDACT_SLACK) : text;
    String redacted = redactor.redact(window);
    return redacted.length() <= maxBodyChars ? redacted : redacted.substring(0, maxBodyChars) + "…[truncated]";
  }
}
